// custom-elements.json documents the published API: paths point at the shipped dist/*.js, and
// private or internal state (`#fields`, `_state` reactive properties) is left out.
const toDist = (path) => path.replace(/^src\/(.*)\.ts$/, 'dist/$1.js');

function rewritePaths(node) {
  if (Array.isArray(node)) return node.forEach(rewritePaths);
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && (key === 'path' || key === 'module')) node[key] = toDist(value);
    else rewritePaths(value);
  }
}

export default {
  plugins: [
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
      },
    },
  ],
};
