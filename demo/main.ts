/**
 * The sandbox: the element against the fake backend, with a scenario switcher, time travel, a
 * latency control, a language switcher and a log of the element's events.
 *
 * URL parameters (used by `tools/screenshots.mjs` and `scripts/check-sandbox.mjs`):
 * `?scenario=<name>&lang=<pt-BR|en|es>`, `&now=<ISO 8601>` to start the clock at a fixed instant,
 * `&sftp-user=<name>` for a fixed SFTP user name (the mock makes one up from the clock otherwise).
 *
 * Switching the scenario, and *Back to now*, put a new element on the page: the one before may
 * hold a list the new scenario cannot replace (an error scenario keeps the last list on purpose).
 *
 * Time: `Date` (and only `Date`) is faked for the whole page with @sinonjs/fake-timers, so the
 * backend and the element share one clock that keeps running (`shouldAdvanceTime`) and that the
 * time-travel buttons jump forward.
 */
import { install } from '@sinonjs/fake-timers';
import { FAULTS, type FaultName } from '../mocks/backend.js';
import { backend, startMockBackend } from '../mocks/browser.js';
import { scenarioNames, scenarios, type ScenarioName } from '../mocks/scenarios.js';
import { SUPPORTED_LOCALES } from '../src/i18n/resolve.js';
import { EVENT_NAMES } from '../src/events.js';

const DAY = 24 * 60 * 60 * 1000;

const params = new URLSearchParams(location.search);
const realNow = () => Math.round(performance.timeOrigin + performance.now());
const startAt = Date.parse(params.get('now') ?? '');
const loadedAt = realNow();
/** "Now" for the sandbox: the pinned start (or the real time at load) plus the real time since. */
const sandboxNow = () => (Number.isFinite(startAt) ? startAt : loadedAt) + (realNow() - loadedAt);
const clock = install({ toFake: ['Date'], now: sandboxNow(), shouldAdvanceTime: true });
const sftpUser = params.get('sftp-user');

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const scenarioSelect = $<HTMLSelectElement>('#scenario');
const scenarioDescription = $<HTMLParagraphElement>('#scenario-description');
const latencyInput = $<HTMLInputElement>('#latency');
const langSelect = $<HTMLSelectElement>('#lang');
const LANGS: readonly string[] = SUPPORTED_LOCALES;
// The language switcher offers every language the element speaks, each named in itself.
for (const code of LANGS) {
  const option = new Option(new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code, code);
  option.lang = code;
  langSelect.add(option);
}
const faultSelect = $<HTMLSelectElement>('#fault');
const clockText = $<HTMLParagraphElement>('#clock');
const log = $<HTMLDivElement>('#log');
const logList = $<HTMLOListElement>('#log-list');
const logEmpty = $<HTMLParagraphElement>('#log-empty');

const isScenario = (name: string | null): name is ScenarioName => name !== null && name in scenarios;
let scenario: ScenarioName = isScenario(params.get('scenario')) ? (params.get('scenario') as ScenarioName) : 'typical';
let lang = LANGS.includes(params.get('lang') ?? '') ? params.get('lang')! : 'pt-BR';

for (const name of scenarioNames) scenarioSelect.add(new Option(name, name));
for (const fault of FAULTS) faultSelect.add(new Option(fault, fault));

/** The element, once its module is loaded (a placeholder stands in until then). */
const element = () => document.querySelector('account-backup-tab') as (HTMLElement & { refresh?: () => unknown }) | null;
const refresh = () => void element()?.refresh?.();

/** The scenario from scratch, in the backend and in a new element (same attributes). */
function resetScenario(): void {
  backend.reset(scenario);
  if (sftpUser) backend.sftp.username = sftpUser;
  const old = element();
  if (old) {
    const fresh = document.createElement('account-backup-tab');
    for (const { name, value } of old.attributes) fresh.setAttribute(name, value);
    old.replaceWith(fresh);
  }
  showState();
}

/** The language of the element and of the page (the sandbox's own words say lang="en"). */
function setLang(code: string): void {
  lang = code;
  langSelect.value = code;
  document.documentElement.lang = code;
  element()?.setAttribute('lang', code);
}

function showState(): void {
  scenarioSelect.value = scenario;
  scenarioDescription.textContent = scenarios[scenario].description;
  latencyInput.value = String(backend.latencyMs);
  faultSelect.value = backend.fault ?? '';
}

function showClock(): void {
  const now = new Date();
  const offsetDays = (now.getTime() - sandboxNow()) / DAY;
  clockText.textContent = `Sandbox clock: ${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}${
    Math.abs(offsetDays) >= 0.01 ? ` (${offsetDays > 0 ? '+' : ''}${offsetDays.toFixed(2)} days from now)` : ''
  }`;
}

function setParam(name: string, value: string): void {
  const url = new URL(location.href);
  url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}

function travel(ms: number): void {
  clock.setSystemTime(Date.now() + ms);
  showClock();
  refresh();
}

scenarioSelect.addEventListener('change', () => {
  scenario = scenarioSelect.value as ScenarioName;
  setParam('scenario', scenario);
  resetScenario();
});

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-days]')) {
  button.addEventListener('click', () => travel(Number(button.dataset.days) * DAY));
}
// Back to now: what was requested in the future is undone too (the scenario starts again now),
// or the list would hold requests made after "now".
$('#time-reset').addEventListener('click', () => {
  clock.setSystemTime(sandboxNow());
  showClock();
  resetScenario();
});

// Changes the tab only learns about from its next call: a 409 cooldown on *Solicitar backup*, a
// 410 on *Baixar backup*.
$('#other-admin').addEventListener('click', () => {
  backend.add({ status: 'awaiting_release', requestedAt: new Date().toISOString(), requestedBy: 'outro.admin@example.com' });
});
$('#expire-ready').addEventListener('click', () => {
  for (const b of backend.backups) if (b.status === 'ready') backend.setStatus(b.id, 'expired');
});

latencyInput.addEventListener('change', () => {
  const ms = Number(latencyInput.value);
  backend.latencyMs = Number.isFinite(ms) && ms > 0 ? ms : 0;
});

langSelect.addEventListener('change', () => {
  setLang(langSelect.value);
  setParam('lang', langSelect.value);
});

faultSelect.addEventListener('change', () => {
  backend.fault = (faultSelect.value || null) as FaultName | null;
  backend.faultRemaining = null;
  refresh();
});

for (const type of EVENT_NAMES) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    const detail = (event as CustomEvent).detail;
    item.textContent = `${new Date().toISOString().slice(11, 19)}Z ${type} ${JSON.stringify(detail)}`;
    logList.append(item);
    logEmpty.hidden = true;
    log.scrollTop = log.scrollHeight;
  });
}
$('#log-clear').addEventListener('click', () => {
  logList.replaceChildren();
  logEmpty.hidden = false;
});

resetScenario();
setLang(lang);
showClock();
// A real interval: only Date is faked.
setInterval(showClock, 1000);

await startMockBackend();
await import('../src/define.js');
document.documentElement.dataset.ready = 'true';
