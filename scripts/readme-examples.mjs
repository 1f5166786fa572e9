#!/usr/bin/env node
// `node scripts/readme-examples.mjs [--check]`: the README's session, React, Vue and Angular snippets are the tested
// examples' code, copied from between their `readme:NAME:start` / `readme:NAME:end` markers to
// between `<!-- example:NAME:start -->` / `<!-- example:NAME:end -->` in README.md (edit them in examples/,
// then run this). With --check it
// writes nothing and fails when they differ (CI).
import { readFileSync, writeFileSync } from 'node:fs';

const snippets = [
  { name: 'session', file: 'examples/react/src/session.ts', lang: 'ts' },
  { name: 'react', file: 'examples/react/src/BackupTab.tsx', lang: 'tsx' },
  { name: 'vue', file: 'examples/vue/src/App.vue', lang: 'vue' },
  { name: 'angular', file: 'examples/angular/src/backup-tab.ts', lang: 'ts' },
];

let readme = readFileSync('README.md', 'utf8');
const original = readme;
for (const { name, file, lang } of snippets) {
  const source = readFileSync(file, 'utf8');
  const code = source.match(new RegExp(`readme:${name}:start.*\\n([\\s\\S]*?)\\n.*readme:${name}:end`))?.[1];
  if (code === undefined) throw new Error(`${file} needs readme:${name}:start and readme:${name}:end markers`);
  const start = `<!-- example:${name}:start -->`;
  const end = `<!-- example:${name}:end -->`;
  const at = readme.indexOf(start);
  const until = readme.indexOf(end);
  if (at < 0 || until < at) throw new Error(`README.md needs ${start} and ${end}`);
  const block = `${start}\n\`\`\`${lang}\n${code}\n\`\`\`\n`;
  readme = readme.slice(0, at) + block + readme.slice(until);
}

if (process.argv.includes('--check')) {
  if (readme !== original) {
    console.error('readme-examples: the README\'s React/Vue/Angular snippets differ from examples/. Fix: node scripts/readme-examples.mjs');
    process.exit(1);
  }
  console.log('readme-examples: README snippets match examples/');
} else {
  writeFileSync('README.md', readme);
  console.log('readme-examples: README snippets written from examples/');
}
