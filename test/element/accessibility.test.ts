/**
 * What a screen reader's list of buttons reads: every control has a name, no two controls that act
 * on different backups share one, and each name starts with the label the eye sees (WCAG 2.5.3).
 */
import { expect } from '@open-wc/testing';
import { DAY_MS, iso } from '../../mocks/time.js';
import { accessibleName, backend, mount, openChecksums, shadow } from '../support/helpers.js';

afterEach(() => backend.reset('empty'));

describe('the names of the rows’ controls', () => {
  it('say which backup each acts on, and begin with the visible label', async () => {
    backend.reset('v1.1');
    const now = backend.now();
    backend.add({ id: 'r-2', status: 'ready', requestedAt: iso(now - 40 * DAY_MS), readyAt: iso(now - 3 * DAY_MS) });
    backend.add({ id: 'a-2', status: 'awaiting_release', requestedAt: iso(now - 3 * 60 * 60 * 1000) });
    const el = await mount('v1.1', { keepBackend: true });
    await openChecksums(el);
    const controls = [...shadow(el).querySelectorAll('tbody button, tbody summary')];
    const labels = new Set(controls.map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()));
    expect([...labels]).to.include.members(['Baixar arquivo', 'Lembrar antes de expirar', 'Cancelar solicitação']);
    for (const label of labels) {
      const named = controls.filter((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim() === label).map(accessibleName);
      expect(named.length, label).to.be.at.least(2);
      expect(new Set(named).size, `the names of the ${label} controls: ${named.join(' | ')}`).to.equal(named.length);
      for (const name of named) expect(name.startsWith(label), `${name} begins with ${label}`).to.equal(true);
    }
    await expect(el).to.be.accessible();
  });
});
