/**
 * The sandbox: the element against the fake backend, with a scenario switcher, time travel, a
 * latency control, a language switcher and a log of the element's events.
 *
 * URL parameters (used by `scripts/screenshots.mjs`): `?scenario=<name>&lang=<pt-BR|en|es>`, and
 * `&now=<ISO 8601>` to start the clock at a fixed instant.
 *
 * Time: `Date` (and only `Date`) is faked for the whole page with @sinonjs/fake-timers, so the
 * backend and the element share one clock that keeps running (`shouldAdvanceTime`) and that the
 * time-travel buttons jump forward.
 */
import { install } from '@sinonjs/fake-timers';
import { FAULTS, type FaultName } from '../mocks/backend.js';
import { backend, startMockBackend } from '../mocks/browser.js';
import { scenarioNames, scenarios, type ScenarioName } from '../mocks/scenarios.js';

const DAY = 24 * 60 * 60 * 1000;
const EVENTS = [
  'account-backup-requested',
  'account-backup-credentials-issued',
  'account-backup-cancelled',
  'account-backup-ready',
  'account-backup-unauthorized',
  'account-backup-error',
] as const;
const LANGS = ['pt-BR', 'en', 'es'];

const params = new URLSearchParams(location.search);
const realNow = () => Math.round(performance.timeOrigin + performance.now());
const startAt = Date.parse(params.get('now') ?? '');
const clock = install({ toFake: ['Date'], now: Number.isFinite(startAt) ? startAt : realNow(), shouldAdvanceTime: true });

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const scenarioSelect = $<HTMLSelectElement>('#scenario');
const scenarioDescription = $<HTMLParagraphElement>('#scenario-description');
const latencyInput = $<HTMLInputElement>('#latency');
const langSelect = $<HTMLSelectElement>('#lang');
const faultSelect = $<HTMLSelectElement>('#fault');
const clockText = $<HTMLParagraphElement>('#clock');
const log = $<HTMLOListElement>('#log');

const isScenario = (name: string | null): name is ScenarioName => name !== null && name in scenarios;
let scenario: ScenarioName = isScenario(params.get('scenario')) ? (params.get('scenario') as ScenarioName) : 'typical';
const lang = LANGS.includes(params.get('lang') ?? '') ? params.get('lang')! : 'pt-BR';

for (const name of scenarioNames) scenarioSelect.add(new Option(name, name));
for (const fault of FAULTS) faultSelect.add(new Option(fault, fault));

/** The element, once its module is loaded (a placeholder stands in until then). */
const element = () => document.querySelector('account-backup-tab') as (HTMLElement & { refresh?: () => unknown }) | null;
const refresh = () => void element()?.refresh?.();

function showState(): void {
  scenarioSelect.value = scenario;
  scenarioDescription.textContent = scenarios[scenario].description;
  latencyInput.value = String(backend.latencyMs);
  faultSelect.value = backend.fault ?? '';
}

function showClock(): void {
  const now = new Date();
  const offsetDays = (now.getTime() - realNow()) / DAY;
  clockText.textContent = `Sandbox clock: ${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}${
    Math.abs(offsetDays) >= 0.01 ? ` (${offsetDays > 0 ? '+' : ''}${offsetDays.toFixed(2)} days from real time)` : ''
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
  backend.reset(scenario);
  setParam('scenario', scenario);
  showState();
  refresh();
});

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-days]')) {
  button.addEventListener('click', () => travel(Number(button.dataset.days) * DAY));
}
$('#time-reset').addEventListener('click', () => travel(realNow() - Date.now()));

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
  element()?.setAttribute('lang', langSelect.value);
  setParam('lang', langSelect.value);
});

faultSelect.addEventListener('change', () => {
  backend.fault = (faultSelect.value || null) as FaultName | null;
  backend.faultRemaining = null;
  refresh();
});

for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    const detail = (event as CustomEvent).detail;
    item.textContent = `${new Date().toISOString().slice(11, 19)}Z ${type} ${JSON.stringify(detail)}`;
    log.append(item);
    log.scrollTop = log.scrollHeight;
  });
}
$('#log-clear').addEventListener('click', () => log.replaceChildren());

backend.reset(scenario);
langSelect.value = lang;
element()?.setAttribute('lang', lang);
showState();
showClock();
// A real interval: only Date is faked.
setInterval(showClock, 1000);

await startMockBackend();
await import('../src/define.js');
document.documentElement.dataset.ready = 'true';
