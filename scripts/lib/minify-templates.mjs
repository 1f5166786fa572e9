// Minifies the static parts of Lit's html`` and css`` tagged template literals at build time, which
// esbuild (like every JS minifier) must leave alone: to it they are string contents.
//   html``: a whitespace run that contains a line break becomes one space (same rendering, same
//           textContent up to folding); <pre> and <textarea> contents are left as written.
//   css``:  comments go, whitespace runs become one space, no space around { } ; , > / or after :,
//           no ; before }, no 0 before a decimal point (0.5 -> .5); "quoted" strings stay as
//           written.
// `${…}` expressions are never touched (only the literal parts between them are rewritten), nor is
// any text that is not whitespace. Used by scripts/build.mjs and tools/size.mjs (esbuild plugin)
// and on the tsc output in dist/ (minifyTemplates), so the npm package ships the same templates.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

/** Marks where a `${…}` expression sits while the literal parts are rewritten as one string. */
const HOLE = '\u0000';

function minifyHtml(text) {
  // Keep <pre>/<textarea> regions verbatim: there, whitespace is content.
  return text
    .split(/(<(pre|textarea)\b[\s\S]*?<\/\2>)/i)
    .map((part, i) => (i % 3 === 1 ? part : i % 3 === 2 ? '' : foldLineBreaks(part)))
    .join('');
}

/**
 * A whitespace run with a line break is source layout. Between two tags or expressions (which render
 * elements or block-level content in these templates) and before a tag's closing `>`, it goes; elsewhere
 * (next to text, where a space can show) it becomes one space.
 */
function foldLineBreaks(text) {
  return text.replace(/\s*\n\s*/g, (run, at) => {
    const before = text[at - 1];
    const after = text[at + run.length];
    const edge = (c) => c === undefined || c === HOLE;
    if ((before === '>' || edge(before)) && (after === '<' || edge(after))) return '';
    if (after === '>' || (after === '/' && text[at + run.length + 1] === '>')) return '';
    return ' ';
  });
}

/** A CSS comment, or a quoted string (kept exactly as written, whitespace and all). */
const CSS_COMMENT_OR_STRING = /\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'/g;
/** Stands for the n-th quoted string while the text around it is rewritten. */
const STRING = '\u0001';

function minifyCss(text) {
  const strings = [];
  return text
    .replace(CSS_COMMENT_OR_STRING, (m) => (m[0] === '/' ? '' : (strings.push(m), STRING)))
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>/]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    // 0.5em -> .5em, -0.5 -> -.5 (a number starts after one of these; never inside a name)
    .replace(/(^|[ :,(/])(-?)0\.(?=\d)/g, '$1$2.')
    .trim()
    .replaceAll(STRING, () => strings.shift());
}

/**
 * Rewrites the html``/css`` literals of one JS/TS source; returns it unchanged when there are none.
 * Works on raw source text by position, so escapes, comments and everything else stay as they are.
 */
export function minifyTemplates(source, fileName = 'file.ts') {
  if (!/\b(html|css)\s*`/.test(source)) return source;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'css')) {
      const t = node.template;
      // Each literal part as [start, end] of its raw text (between ` or } and ${ or `).
      const parts = ts.isNoSubstitutionTemplateLiteral(t)
        ? [[t.getStart(file) + 1, t.end - 1]]
        : [
            [t.head.getStart(file) + 1, t.head.end - 2],
            ...t.templateSpans.map((s) => [s.literal.getStart(file) + 1, s.literal.end - (ts.isTemplateTail(s.literal) ? 1 : 2)]),
          ];
      const raws = parts.map(([a, b]) => source.slice(a, b));
      // A backslash before a line break is a line continuation; leave such a literal alone.
      if (!raws.some((r) => r.includes(HOLE) || /\\\r?\n/.test(r))) {
        const joined = raws.join(HOLE);
        const out = (node.tag.text === 'css' ? minifyCss : minifyHtml)(joined).split(HOLE);
        if (out.length === raws.length) parts.forEach(([a, b], i) => out[i] !== raws[i] && edits.push([a, b, out[i]]));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let result = source;
  for (const [a, b, text] of edits.sort((x, y) => y[0] - x[0])) result = result.slice(0, a) + text + result.slice(b);
  return result;
}

/** esbuild plugin: applies {@link minifyTemplates} to the repo's own .ts/.js sources (not node_modules). */
export const minifyTemplatesPlugin = {
  name: 'minify-templates',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = await readFile(args.path, 'utf8');
      return { contents: minifyTemplates(source, args.path), loader: args.path.endsWith('ts') ? 'ts' : 'js' };
    });
  },
};
