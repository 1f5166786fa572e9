/**
 * The same-cells floor of `npm run bench`: the least plain Lit + @lit/task can do to show the same
 * 50 rows as the widget from the same `GET /backups` (same columns, status labels, dates with their
 * UTC title, size, days left, the SHA-256 block, *Baixar arquivo* and a modal window behind it),
 * with no validation, no i18n machinery, no error handling. Its four Intl formatters are built when
 * the module loads. Bundled by tools/bench-server.mjs with Lit and @lit/task included.
 */
import { LitElement, css, html, nothing } from 'lit';
import { Task } from '@lit/task';

interface Row {
  id: string;
  status: string;
  requestedAt: string;
  requestedBy?: string | null;
  expiresAt?: string | null;
  sizeBytes?: number | null;
  fileName?: string | null;
  sha256?: string | null;
}

const LABELS: Record<string, string> = {
  awaiting_release: 'Aguardando liberação',
  in_progress: 'Em progresso',
  ready: 'Pronto para baixar',
  expired: 'Expirado',
  server_error: 'Erro de servidor',
};
const date = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'medium', timeStyle: 'short' });
const utc = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' });
const size = new Intl.NumberFormat('pt-BR', { style: 'unit', unit: 'gigabyte', unitDisplay: 'short', maximumFractionDigits: 1 });
const relative = new Intl.RelativeTimeFormat('pt-BR');

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return html`<time datetime=${iso} title=${utc.format(ms) + ' UTC'}>${date.format(ms)}</time>`;
};

/** The same cell content as the widget's details column for a ready backup. */
const details = (b: Row) =>
  html`<div>Tamanho: ${size.format((b.sizeBytes ?? 0) / 1e9)}</div>
    <div>Disponível até ${time(b.expiresAt!)} (${relative.format(Math.floor((Date.parse(b.expiresAt!) - Date.now()) / 864e5), 'day')})</div>
    <details>
      <summary>Verificar SHA-256</summary>
      <dl><div><dt>SHA-256</dt><dd><code>${b.sha256}</code></dd><dd><button>Copiar</button></dd></div></dl>
      <pre><code>sha256sum ${b.fileName}</code></pre>
      <pre><code>Get-FileHash ${b.fileName} -Algorithm SHA256</code></pre>
    </details>`;

class FloorTable extends LitElement {
  static override styles = css`
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: start; padding: 0.5em; border-bottom: 1px solid #767676; }
  `;
  static override properties = { open: { state: true } };
  declare open: Row | undefined;

  #list = new Task(this, {
    task: async (_args: readonly [], { signal }) => {
      const response = await fetch('/api/backups', { signal, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      return ((await response.json()) as { backups: Row[] }).backups;
    },
    args: () => [] as const,
  });

  override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.open && dialog && !dialog.open) dialog.showModal();
  }

  override render() {
    const rows = this.#list.value ?? [];
    return html`<table>
        <caption>Backups solicitados</caption>
        <thead>
          <tr><th>Solicitado em</th><th>Solicitado por</th><th>Situação</th><th>Detalhes</th><th>Ações</th></tr>
        </thead>
        <tbody>
          ${rows.map(
            (b) => html`<tr>
              <th>${time(b.requestedAt)}</th>
              <td>${b.requestedBy ?? '—'}</td>
              <td><span class="status">${LABELS[b.status] ?? 'Valor inválido'}</span></td>
              <td>${b.status === 'ready' ? details(b) : nothing}</td>
              <td>${b.status === 'ready' ? html`<button class="download" @click=${() => (this.open = b)}>Baixar arquivo</button>` : nothing}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${this.open
        ? html`<dialog @close=${() => (this.open = undefined)}>
            <h2>Baixar backup</h2>
            <p>Termos de download.</p>
            <label><input type="checkbox" autofocus /> Li e aceito os termos</label>
            <button disabled>Baixar backup</button>
          </dialog>`
        : nothing}`;
  }
}

customElements.define('floor-table', FloorTable);
