/**
 * Downloading a backup: the terms, then the SFTP access data in the window (the key file, the
 * pinned host keys and known_hosts, the sftp command as a user reads it), the copy and save
 * buttons that say what they did, and the window once the backup has expired.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { AccountBackupTab } from '../../src/account-backup-tab.js';
import { startMockBackend } from '../../mocks/browser.js';
import { DAY_MS, iso } from '../../mocks/time.js';
import {
  backend,
  button,
  calls,
  catchFiles,
  hasButton,
  mount,
  openChecksums,
  openDialog,
  openDownloadAccepted,
  realTime,
  settled,
  shadow,
  until,
  windowText,
} from '../support/helpers.js';

const announced = (el: Element): string => shadow(el).querySelector('[role=status]')!.textContent!.trim();
const dialogText = (el: Element): string => (openDialog(el)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const codeAfter = (el: Element, label: string): string => {
  const dt = [...openDialog(el)!.querySelectorAll('dt')].find((d) => d.textContent!.trim() === label);
  return dt!.parentElement!.querySelector('code')!.textContent!;
};

let writeText: Clipboard['writeText'];
beforeEach(() => {
  writeText = navigator.clipboard.writeText;
});
afterEach(() => {
  realTime();
  navigator.clipboard.writeText = writeText;
  backend.reset('empty');
});

async function openCredentials(el: Element): Promise<void> {
  await openDownloadAccepted(el as never);
  button(el, 'Baixar backup').click();
  await waitUntil(() => dialogText(el).includes('Dados de acesso SFTP'), 'no credentials');
}

describe('the download window', () => {
  it('needs the terms accepted, then shows the SFTP access data and forgets it on close', async () => {
    const el = await mount('typical');
    const opener = button(el, 'Baixar arquivo');
    opener.click();
    await until(() => openDialog(el));
    const confirm = button(el, 'Baixar backup');
    expect(confirm.disabled).to.equal(true);
    expect(windowText(el)).to.contain('Ao baixá-lo');
    await expect(el).to.be.accessible();
    const checkbox = openDialog(el)!.querySelector('input[type=checkbox]') as HTMLInputElement;
    checkbox.click();
    await el.updateComplete;
    expect(button(el, 'Baixar backup').disabled).to.equal(false);
    const issued = oneEvent(el, 'account-backup-credentials-issued');
    button(el, 'Baixar backup').click();
    const { detail } = await issued;
    expect(detail).not.to.have.property('privateKey');
    await el.updateComplete;
    const posts = calls('POST', '/backups/b-5/download');
    expect(posts).to.have.length(1);
    expect(posts[0]!.body).to.deep.equal({ termsAccepted: true });
    const dialogText = windowText(el);
    for (const part of ['sftp.backup.softexpert.example', '2222', detail.username, detail.path, 'chmod 600', 'FileZilla', 'WinSCP']) {
      expect(dialogText).to.contain(part);
    }
    expect(dialogText).to.match(/sftp -P 2222 -i \S+\.pem \S+@sftp\.backup\.softexpert\.example:\S+/);
    expect(dialogText).to.contain('deixam de funcionar em');
    expect(hasButton(el, /\.pem/)).to.equal(true);
    await expect(el).to.be.accessible();

    // The key file: LF only, one final newline, named after the backup, URL revoked.
    const created: Blob[] = [];
    const revoked: string[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return createObjectURL.call(URL, blob);
    };
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      revokeObjectURL.call(URL, url);
    };
    const clicked: HTMLAnchorElement[] = [];
    const anchorClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      button(el, /\.pem/).click();
      button(el, 'Fechar').click();
      await until(() => !openDialog(el) && !shadow(el).innerHTML.includes(detail.username));
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
      HTMLAnchorElement.prototype.click = anchorClick;
    }
    expect(created).to.have.length(1);
    const key = await created[0]!.text();
    expect(key).to.match(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    expect(key).not.to.contain('\r');
    expect(key.endsWith('-----END OPENSSH PRIVATE KEY-----\n')).to.equal(true);
    expect(clicked[0]!.download).to.match(/\.pem$/);
    expect(revoked).to.have.length(1);
    // Closing forgets: nothing of the access data in the DOM.
    expect(el.shadowRoot!.innerHTML).not.to.contain(detail.username);
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(opener);
  });

  it('explains an expired backup in the window and refreshes the list', async () => {
    const el = await mount('typical');
    await openDownloadAccepted(el);
    backend.setStatus('b-5', 'expired');
    const gets = calls('GET', '/backups').length;
    button(el, 'Baixar backup').click();
    await until(() => windowText(el).includes('O prazo de download deste backup terminou'));
    await settled(el);
    expect(calls('GET', '/backups').length).to.equal(gets + 1);
    await expect(el).to.be.accessible();
  });

  it('offers only closing once the backup expired', async () => {
    const el = await mount('typical');
    await openDownloadAccepted(el);
    backend.setStatus('b-5', 'expired');
    button(el, 'Baixar backup').click();
    await waitUntil(() => dialogText(el).includes('O prazo de download deste backup terminou'));
    expect(button(el, 'Baixar backup').disabled).to.equal(true);
    expect(button(el, 'Fechar').disabled).to.equal(false);
    expect([...openDialog(el)!.querySelectorAll('button')].filter((b) => !b.disabled).map((b) => b.textContent!.trim())).to.deep.equal(['Fechar']);
    await expect(el).to.be.accessible();
  });
});

describe('pinned host keys', () => {
  it('shows each fingerprint with a copy button, saves known_hosts and pins it in the sftp command', async () => {
    const el = await mount('v1.1');
    await openDownloadAccepted(el);
    button(el, 'Baixar backup').click();
    await waitUntil(() => dialogText(el).includes('Dados de acesso SFTP'));
    const [key] = backend.hostKeys;
    expect(dialogText(el)).to.contain(key!.fingerprint);
    expect(hasButton(el, `Copiar Impressão digital (${key!.type})`)).to.equal(true);
    // The GUI hint says which fingerprint to compare.
    expect(dialogText(el)).to.contain(`deve ser ${key!.fingerprint}`);
    await expect(el).to.be.accessible();
    const [file] = await catchFiles(async () => button(el, 'Salvar known_hosts').click());
    expect(file!.name).to.match(/\.known_hosts$/);
    expect(file!.text).to.equal(`[sftp.backup.softexpert.example]:2222 ${key!.publicKey!.split(' ').slice(0, 2).join(' ')}\n`);
    await waitUntil(() => dialogText(el).includes(`Salvo como ${file!.name}.`));
    expect(codeAfter(el, 'Comando sftp')).to.match(
      new RegExp(`^sftp -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${file!.name.replace(/\./g, '\\.')} -P 2222 -i \\S+\\.pem \\S+@sftp\\.backup\\.softexpert\\.example:\\S+ \\S+$`),
    );
  });

  it('without a publicKey shows the fingerprint but offers no known_hosts', async () => {
    const el = await mount('host-keys-fingerprint-only');
    await openDownloadAccepted(el);
    button(el, 'Baixar backup').click();
    await waitUntil(() => dialogText(el).includes('Dados de acesso SFTP'));
    expect(dialogText(el)).to.contain(backend.hostKeys[0]!.fingerprint);
    expect(hasButton(el, 'Salvar known_hosts')).to.equal(false);
    expect(codeAfter(el, 'Comando sftp')).not.to.contain('StrictHostKeyChecking');
  });
});

describe('copy buttons', () => {
  it('show Copiado beside the button that was clicked, then let it go', async function () {
    const copied: string[] = [];
    navigator.clipboard.writeText = async (text: string) => void copied.push(text);
    const el = await mount('typical');
    shadow(el).querySelector('details')!.open = true;
    // The checksum renders once its <details> is open. Its copy button reads "Copiar", and is
    // named after the value and the backup it is of.
    await waitUntil(() => hasButton(el, /^Copiar SHA-256/), 'the checksum did not render when opened');
    const copy = button(el, /^Copiar SHA-256/);
    const row = copy.closest('tr')!;
    const requested = row.querySelector('th')!.textContent!.trim();
    expect(copy.textContent!.trim()).to.equal('Copiar');
    expect(copy.getAttribute('aria-label')).to.equal(`Copiar SHA-256 (${requested})`);
    copy.click();
    await waitUntil(() => shadow(el).querySelector('.copied'), 'no visible feedback');
    const feedback = shadow(el).querySelector('.copied')!;
    expect(feedback.textContent).to.equal('Copiado');
    // Beside its own button, visible.
    expect(feedback.previousElementSibling).to.equal(copy);
    expect(feedback.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(copied).to.deep.equal([backend.get('b-5').sha256]);
    expect(announced(el)).to.equal('Copiado');
    await expect(el).to.be.accessible();
    await waitUntil(() => !shadow(el).querySelector('.copied'), 'the feedback stayed', { timeout: 5000 });
  });

  it('say so when the clipboard refuses', async () => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    const el = await mount('typical');
    await openCredentials(el);
    button(el, 'Copiar Host').click();
    await waitUntil(() => openDialog(el)!.querySelector('.copied'));
    expect(openDialog(el)!.querySelector('.copied')!.textContent).to.equal('Não foi possível copiar.');
    await expect(el).to.be.accessible();
  });
});

describe('saving the key', () => {
  it('says which file it was saved as', async () => {
    const click = HTMLAnchorElement.prototype.click;
    const names: string[] = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      names.push(this.download);
    };
    try {
      const el = await mount('typical');
      await openCredentials(el);
      button(el, /\.pem/).click();
      await waitUntil(() => dialogText(el).includes('Chave salva como'));
      expect(dialogText(el)).to.contain(`Chave salva como ${names[0]}.`);
      expect(announced(el)).to.equal(`Chave salva como ${names[0]}.`);
      await expect(el).to.be.accessible();
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
  });
});

describe('the download window: the sftp command as a user reads it', () => {
  /** The <code> after a <dt> of the open window. */
  const codeAfter = (el: Element, label: string): string | undefined => {
    const dt = [...(openDialog(el)?.querySelectorAll('dt') ?? [])].find((d) => d.textContent!.trim() === label);
    return dt?.parentElement?.querySelector('code')?.textContent ?? undefined;
  };

  async function credentialsFor(fileName: string, sftp: Partial<typeof backend.sftp>, lang = 'pt-BR'): Promise<AccountBackupTab> {
    await startMockBackend();
    backend.reset('empty');
    backend.add({ id: 'b-1', status: 'ready', requestedAt: iso(Date.now() - 2 * DAY_MS), readyAt: iso(Date.now() - DAY_MS), fileName });
    backend.sftp = { ...backend.sftp, ...sftp };
    const el = await mount('empty', { keepBackend: true, lang });
    button(el, /^(Baixar arquivo|Download file|Descargar archivo)/).click();
    await until(() => openDialog(el), 'the download window did not open');
    (openDialog(el)!.querySelector('input[type=checkbox]') as HTMLInputElement).click();
    await el.updateComplete;
    button(el, /^(Baixar backup|Download backup|Descargar backup)$/).click();
    await until(() => /\.pem/.test(windowText(el)), 'no credentials');
    return el;
  }

  afterEach(() => backend.reset('empty'));

  it('names the local file, passes it to sftp, and the checksum commands of the list read that same file', async () => {
    const el = await credentialsFor('payload .bashrc', { host: 'sftp.example', port: 2222, username: 'bkp_b1', directory: '/exports/ACME Corp' });
    expect(codeAfter(el, 'Arquivo local')).to.equal('payload-.bashrc');
    expect(codeAfter(el, 'Comando sftp')).to.equal(
      "sftp -P 2222 -i payload-.bashrc.pem 'bkp_b1@sftp.example:/exports/ACME\\ Corp/payload\\ .bashrc' payload-.bashrc",
    );
    button(el, 'Fechar').click();
    await until(() => !openDialog(el));
    await openChecksums(el);
    const codes = [...shadow(el).querySelectorAll('details code')].map((c) => c.textContent);
    expect(codes).to.include('sha256sum payload-.bashrc');
    expect(codes).to.include("Get-FileHash -LiteralPath 'payload-.bashrc' -Algorithm SHA256");
  });

  it('refuses a user that sftp would read as its own option, and says so in the window, in each language', async () => {
    const messages = {
      'pt-BR': 'Comando sftp omitido: valor inseguro em Usuário.',
      en: 'sftp command omitted: unsafe value in User.',
      es: 'Comando sftp omitido: valor inseguro en Usuario.',
    };
    for (const [lang, message] of Object.entries(messages)) {
      const el = await credentialsFor('b.bak', { username: '-oProxyCommand=touch /tmp/pwned' }, lang);
      expect(windowText(el), lang).to.contain(message);
      expect([...openDialog(el)!.querySelectorAll('code')].map((c) => c.textContent).filter((c) => c?.startsWith('sftp ')), lang).to.deep.equal([]);
      // The values stay, each with its copy button, for a GUI client.
      expect(windowText(el), lang).to.contain('-oProxyCommand=touch /tmp/pwned');
      el.remove();
    }
  });

  it('refuses a host, a port or a path that no command can carry, naming which', async () => {
    for (const [sftp, field] of [
      [{ host: '-oProxyCommand=x' }, 'Host'],
      [{ port: 22.5 }, 'Porta'],
      [{ directory: 'relative' }, 'Caminho'],
    ] as const) {
      const el = await credentialsFor('b.bak', sftp);
      expect(windowText(el), field).to.contain(`Comando sftp omitido: valor inseguro em ${field}.`);
      el.remove();
    }
  });
});
