#!/usr/bin/env node
// One package, one CHANGELOG.md, no release tool: `npm version patch|minor|major` cuts a version.
//   node scripts/changelog.mjs --check    CHANGELOG.md has an *Unreleased* section and one for the
//                                         version in package.json (CI)
//   node scripts/changelog.mjs --release  run by npm's `version` script, after npm wrote the new
//                                         version: *Unreleased* becomes `## X.Y.Z - date` and an
//                                         empty *Unreleased* goes on top; fails when it is empty
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const text = readFileSync('CHANGELOG.md', 'utf8');
const UNRELEASED = '## Unreleased\n';
const NOTHING = '- Nothing yet.';
const fail = (message) => {
  console.error(`changelog: ${message}`);
  process.exit(1);
};

const at = text.indexOf(UNRELEASED);
if (at < 0) fail('CHANGELOG.md has no "## Unreleased" section');
const next = text.indexOf('\n## ', at + UNRELEASED.length);
const unreleased = text.slice(at + UNRELEASED.length, next < 0 ? undefined : next).trim();

if (process.argv.includes('--release')) {
  if (!unreleased || unreleased === NOTHING) fail(`nothing under "## Unreleased" to release as ${version}`);
  if (text.includes(`\n## ${version} `)) fail(`CHANGELOG.md already has a section for ${version}`);
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync('CHANGELOG.md', `${text.slice(0, at)}${UNRELEASED}\n${NOTHING}\n\n## ${version} - ${date}\n${text.slice(at + UNRELEASED.length)}`);
  console.log(`changelog: "Unreleased" is now ${version} (${date})`);
} else {
  if (!new RegExp(`\\n## ${version.replace(/\./g, '\\.')} - \\d{4}-\\d{2}-\\d{2}\\n`).test(text)) {
    fail(`CHANGELOG.md has no "## ${version} - YYYY-MM-DD" section for package.json's version`);
  }
  console.log(`changelog: sections for Unreleased and ${version} are there`);
}
