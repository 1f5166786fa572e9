/** controllers/lang-controller.ts: observeLang and LangController, one observer per document, callbacks for the lang that decides. */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LangController, observeLang } from '../../src/controllers/lang-controller.js';

/** Lets the MutationObserver deliver its records. */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Counts the MutationObservers built while `run` runs. */
async function countObservers(run: () => Promise<void>): Promise<number> {
  const Original = window.MutationObserver;
  let built = 0;
  window.MutationObserver = class extends Original {
    constructor(callback: MutationCallback) {
      super(callback);
      built++;
    }
  };
  try {
    await run();
  } finally {
    window.MutationObserver = Original;
  }
  return built;
}

class LangProbe extends LitElement {
  changes = 0;
  readonly lang$ = new LangController(this, () => this.changes++);
}
customElements.define('lang-probe', LangProbe);

afterEach(() => document.documentElement.setAttribute('lang', 'en'));

describe('observeLang and LangController', () => {
  it('calls back an element when the document’s, an ancestor’s or its own lang changes, and not for others', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><section lang="es"><p id="a"></p></section><aside><p id="b"></p></aside></div>`);
    const a = page.querySelector('#a')!;
    const b = page.querySelector('#b')!;
    const calls = { a: 0, b: 0 };
    const stopA = observeLang(a, () => calls.a++);
    const stopB = observeLang(b, () => calls.b++);
    page.querySelector('section')!.setAttribute('lang', 'pt-BR');
    await delivered();
    expect(calls).to.deep.equal({ a: 1, b: 0 });
    document.documentElement.setAttribute('lang', 'es');
    await delivered();
    expect(calls).to.deep.equal({ a: 2, b: 1 });
    b.setAttribute('lang', 'en');
    page.querySelector('aside')!.setAttribute('class', 'x'); // not a lang attribute
    await delivered();
    expect(calls).to.deep.equal({ a: 2, b: 2 });
    stopA();
    stopB();
    document.documentElement.setAttribute('lang', 'pt-BR');
    await delivered();
    expect(calls, 'nothing after unsubscribing').to.deep.equal({ a: 2, b: 2 });
  });

  it('sees an ancestor’s lang inside a shadow root it sits in', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = outer.attachShadow({ mode: 'open' });
    root.innerHTML = '<section lang="es"><p></p></section>';
    let calls = 0;
    const stop = observeLang(root.querySelector('p')!, () => calls++);
    root.querySelector('section')!.setAttribute('lang', 'en');
    await delivered();
    outer.setAttribute('lang', 'pt-BR'); // the shadow host is an ancestor too
    await delivered();
    stop();
    expect(calls).to.equal(2);
  });

  it('shares one MutationObserver among every element of a document, and drops it with the last one', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><p></p><p></p><p></p></div>`);
    const built = await countObservers(async () => {
      const stops = [...page.querySelectorAll('p')].map((p) => observeLang(p, () => {}));
      stops.forEach((stop) => stop());
      // After the last one left, the next subscriber gets a new observer.
      observeLang(page, () => {})();
    });
    expect(built).to.equal(2);
  });

  it('LangController observes while its host is connected', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><lang-probe></lang-probe></div>`);
    const probe = wrapper.querySelector('lang-probe') as LangProbe;
    wrapper.setAttribute('lang', 'en');
    await delivered();
    expect(probe.changes).to.equal(1);
    probe.remove();
    wrapper.setAttribute('lang', 'pt-BR');
    await delivered();
    expect(probe.changes, 'not while disconnected').to.equal(1);
    wrapper.append(probe);
    wrapper.setAttribute('lang', 'es');
    await delivered();
    expect(probe.changes, 'again once reconnected').to.equal(2);
  });

  it('LangController asks its host to update by default', async () => {
    class Plain extends LitElement {
      updates = 0;
      readonly lang$ = new LangController(this);
      protected override updated(): void {
        this.updates++;
      }
    }
    customElements.define('lang-plain', Plain);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><lang-plain></lang-plain></div>`);
    const plain = wrapper.querySelector('lang-plain') as Plain;
    await plain.updateComplete;
    const before = plain.updates;
    wrapper.setAttribute('lang', 'en');
    await delivered();
    await plain.updateComplete;
    expect(plain.updates).to.equal(before + 1);
  });
});
