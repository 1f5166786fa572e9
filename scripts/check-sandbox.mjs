#!/usr/bin/env node
/* global document, axe -- page.evaluate callbacks run in the page */
/**
 * The sandbox page in Chromium: axe finds nothing on it (controls, event log, the element), its
 * lang follows the language switcher, switching the scenario gives a fresh element (an error
 * scenario shows no list left from before), and *Back to now* after time travel undoes what was
 * done in the future.
 */
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from './lib/chromium.mjs';
import { PINNED, TIME_ZONE, click, startSandbox } from './lib/sandbox.mjs';

process.env.TZ = TIME_ZONE;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const sandbox = await startSandbox();
const t = sandbox.labels('en');
let browser;
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? '✓' : '✗'} ${what}`);
  if (!ok) failures.push(what);
};

try {
  browser = await puppeteer.launch(chromiumLaunchOptions());
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  await page.goto(`${sandbox.base}?scenario=typical&lang=en&${PINNED}`, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready]', { timeout: 20_000 });
  await page.addScriptTag({ path: axePath });
  const rows = () => page.evaluate(() => document.querySelector('account-backup-tab').shadowRoot.querySelectorAll('tbody tr').length);
  const audit = async (state) => {
    const violations = await page.evaluate(async () =>
      (await axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    );
    check(violations.length === 0, `axe: no violations (${state})${violations.length ? `\n    ${violations.join('\n    ')}` : ''}`);
  };
  await page.waitForSelector('account-backup-tab >>> tbody tr');
  await audit('typical, en');
  check((await page.evaluate(() => document.documentElement.lang)) === 'en', 'the page’s lang is the switcher’s (en)');

  await page.select('#lang', 'es');
  const langs = await page.evaluate(() => [document.documentElement.lang, document.querySelector('account-backup-tab').getAttribute('lang')]);
  check(langs.join() === 'es,es', `switching to es sets the page’s and the element’s lang (${langs.join(', ')})`);
  await page.select('#lang', 'en');

  // In the future: request a backup (the list grows), then Back to now.
  const before = await rows();
  await page.click('button[data-days="28"]');
  await page.waitForFunction(() => !document.querySelector('account-backup-tab').shadowRoot.querySelector('[part~="request-button"]').disabled);
  await click(page, 'button', t.request);
  await page.waitForSelector('account-backup-tab >>> dialog[open]');
  await page.evaluate(() => document.querySelector('account-backup-tab').shadowRoot.querySelector('dialog[open] button.primary').click());
  await page.waitForFunction((n) => document.querySelector('account-backup-tab').shadowRoot.querySelectorAll('tbody tr').length === n + 1, { timeout: 5000 }, before);
  await page.waitForSelector('#log-list li');
  await audit('after a request, with the event log filled');
  await page.click('#time-reset');
  await page.waitForFunction((n) => document.querySelector('account-backup-tab')?.shadowRoot?.querySelectorAll('tbody tr').length === n, { timeout: 5000 }, before);
  const clockText = await page.$eval('#clock', (p) => p.textContent);
  const enabled = await page.evaluate(() => !document.querySelector('account-backup-tab').shadowRoot.querySelector('[part~="request-button"]').disabled);
  check(!/from now/.test(clockText) && enabled, `Back to now: the clock is now, the request made in the future is gone, requesting is allowed again (${clockText})`);

  // An error scenario after a list: the new element has no list to keep.
  await page.select('#scenario', 'server-error');
  await page.waitForSelector('account-backup-tab >>> [part~="error"]', { timeout: 5000 });
  check((await rows()) === 0, 'switching to server-error shows the error and no list from the scenario before');
  await audit('server-error');
} catch (error) {
  failures.push(String(error));
  console.log(`✗ ${error}`);
} finally {
  await browser?.close();
  await sandbox.close();
}
console.log(failures.length ? `${failures.length} check(s) failed` : 'the sandbox passes');
process.exitCode = failures.length ? 1 : 0;
