/* global document */ // byLabel's search runs in the page
// Debian's Chromium, as every script and the test runner start it here: no tool downloads a
// browser; as root it needs --no-sandbox; the background-networking flags keep it from trying
// hosts this machine cannot reach.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** puppeteer-core launch options for headless Debian Chromium, with extra flags. */
export const chromiumLaunchOptions = (...extraFlags) => ({ executablePath: chromiumPath, headless: true, args: [...chromiumFlags, ...extraFlags] });

/**
 * The control with that role whose visible label is `label`, as a person finds it, waited for
 * (shadow roots included, never behind an open modal window). By visible label, not by exact
 * accessible name: a row's buttons are named after their backup ("Baixar arquivo (5 de dez. …)").
 */
export async function byLabel(page, role, label, timeout = 10_000) {
  const handle = await page.waitForFunction(
    (role, label) => {
      const roleOf = (el) => el.getAttribute('role') ?? (el.localName === 'button' ? 'button' : el.localName === 'input' ? el.type : null);
      const labelOf = (el) => (el.localName === 'input' ? (el.labels?.[0]?.textContent ?? '') : el.textContent ?? '').replace(/\s+/g, ' ').trim();
      const search = (root) => {
        // With a modal window open, only what is inside it can be reached.
        const scope = root.querySelector('dialog[open]') ?? root;
        for (const el of scope.querySelectorAll('*')) {
          if (roleOf(el) === role && labelOf(el) === label && el.checkVisibility()) return el;
          const inner = el.shadowRoot && search(el.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      return search(document);
    },
    { timeout },
    role,
    label,
  );
  return handle.asElement();
}
