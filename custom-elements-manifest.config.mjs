// custom-elements.json documents the published API: paths point at the shipped dist/*.js, and
// private or internal state (`#fields`, `_state` reactive properties) is left out.
// From that same manifest, so they can never disagree with it, the plugins after `public-api-only`
// write what frameworks and editors read (all committed, shipped, and checked by check:fresh):
//   types/custom-elements-jsx.d.ts  JSX props: attributes, properties, typed on… handlers
//                                  (types/react.d.ts adds them to React 19's JSX.IntrinsicElements)
//   types/vue.d.ts                 Vue 3 GlobalComponents, for vue-tsc and Volar
//   editor/html-custom-data.json   VS Code's HTML custom data (and css-custom-data.json)
//   editor/web-types.json          JetBrains web-types
import { readFileSync, writeFileSync } from 'node:fs';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

const toDist = (path) => path.replace(/^src\/(.*)\.ts$/, 'dist/$1.js');

function rewritePaths(node) {
  if (Array.isArray(node)) return node.forEach(rewritePaths);
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && (key === 'path' || key === 'module')) node[key] = toDist(value);
    else rewritePaths(value);
  }
}

// The typings import the element's class from the package's own index.d.ts (paths are relative to
// `outdir`). The plugins write an event's handler as `(e: CustomEvent<type>) => void` and only
// import a type that is a bare name, so given the manifest's `CustomEvent<{ backup: Backup }>` they
// would write CustomEvent<CustomEvent<…>> around an unimported `Backup`. They get a copy of the
// manifest whose event types name the detail in the package's BackupEventMap instead, which every
// event the element emits is typed by (src/events.ts); custom-elements.json itself keeps its types.
const typings = { outdir: 'types', globalTypePath: '../dist/index.js', hideLogs: true };
const eventMap = readFileSync(new URL('./src/events.ts', import.meta.url), 'utf8');

function withEventDetailTypes(manifest) {
  const copy = structuredClone(manifest);
  for (const decl of copy.modules.flatMap((m) => m.declarations ?? [])) {
    for (const event of decl.events ?? []) {
      if (!eventMap.includes(`'${event.name}':`)) {
        throw new Error(`custom-elements.json documents the event ${event.name}, but src/events.ts's BackupEventMap has no '${event.name}'`);
      }
      event.type = { text: `import('../dist/index.js').BackupEventMap['${event.name}']['detail']` };
    }
  }
  return copy;
}

// vue-tsc (strictTemplates) looks up `base-url="…"` as the prop baseUrl and `@account-backup-requested`
// as onAccountBackupRequested, the way Vue normalizes them; the Vue plugin keys them as written.
// Its copy of the manifest names attributes and events in camelCase, and the component's hover text
// leaves out its event list (which would show the camelCase names); each handler keeps its own doc.
const camel = (name) => name.replace(/-([a-z])/g, (_m, c) => c.toUpperCase());
function forVue(manifest) {
  for (const decl of manifest.modules.flatMap((m) => m.declarations ?? [])) {
    for (const attr of decl.attributes ?? []) attr.name = camel(attr.name);
    for (const event of decl.events ?? []) event.name = camel(`-${event.name}`);
  }
  return manifest;
}

/** Runs a generator that takes the manifest as an argument on the copy with detail types. */
const typingsPlugin = (name, generate, options, adapt = (m) => m) => ({
  name,
  packageLinkPhase({ customElementsManifest }) {
    generate(adapt(withEventDetailTypes(customElementsManifest)), { ...typings, ...options });
  },
});

// cem takes a field's default from its initializer's source text (`fetch = defaultFetch` reads as
// "defaultFetch", a private name); a `@default` JSDoc tag on the field says what users should read.
const jsdocDefaults = new Map(); // "Class.field" -> text of its @default tag
const jsdocDefaultWins = {
  name: 'jsdoc-default-wins',
  analyzePhase({ ts, node }) {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    for (const member of node.members) {
      const tag = ts.getJSDocTags(member).find((t) => t.tagName.getText() === 'default');
      if (tag && member.name) jsdocDefaults.set(`${node.name.getText()}.${member.name.getText()}`, ts.getTextOfJSDocComment(tag.comment));
    }
  },
  packageLinkPhase({ customElementsManifest }) {
    for (const decl of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
      for (const member of decl.members ?? []) {
        const text = jsdocDefaults.get(`${decl.name}.${member.name}`);
        if (text) member.default = text;
      }
    }
  },
};

// The editor plugins know parts and custom properties but not custom states (`@cssstate`, the
// manifest's cssStates): once they have written their files, the states are added to them, from the
// same manifest: VS Code's CSS data as pseudo-classes, JetBrains' element description as a list.
const statesInEditorData = {
  name: 'states-in-editor-data',
  packageLinkPhase({ customElementsManifest }) {
    const states = customElementsManifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => d.cssStates ?? []);
    const css = JSON.parse(readFileSync('editor/css-custom-data.json', 'utf8'));
    css.pseudoClasses = states.map((state) => ({ name: `:state(${state.name})`, description: state.description }));
    writeFileSync('editor/css-custom-data.json', `${JSON.stringify(css, null, 2)}\n`);
    const webTypes = JSON.parse(readFileSync('editor/web-types.json', 'utf8'));
    for (const element of webTypes.contributions.html.elements) {
      element.description += `\n\n### **CSS states:**\n${states.map((s) => ` - **:state(${s.name})** - ${s.description}`).join('\n')}`;
    }
    writeFileSync('editor/web-types.json', `${JSON.stringify(webTypes, null, 2)}\n`);
  },
};

export default {
  plugins: [
    jsdocDefaultWins,
    {
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.members) decl.members = decl.members.filter((m) => m.privacy !== 'private' && !m.name.startsWith('_'));
            if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !a.name.startsWith('_'));
            if (decl.kind === 'variable' && decl.name === 'styles') delete decl.default;
          }
        }
        rewritePaths(customElementsManifest);
        // In path order: cem lists modules in the order the file system gives them, which is not
        // the same in every folder (a clean clone, check-fresh's temporary copy).
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
    typingsPlugin('jsx-typings', generateJsxTypes, { fileName: 'custom-elements-jsx.d.ts' }),
    typingsPlugin('vue-typings', generateVuejsTypes, { fileName: 'vue.d.ts', hideEventDocs: true }, forVue),
    customElementVsCodePlugin({ outdir: 'editor', htmlFileName: 'html-custom-data.json', cssFileName: 'css-custom-data.json', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: 'editor', webTypesFileName: 'web-types.json', packageJson: false, hideLogs: true }),
    statesInEditorData,
  ],
};
