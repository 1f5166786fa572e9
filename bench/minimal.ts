/**
 * The minimal floor of `npm run bench`: the help article's tab as the least plain Lit + @lit/task
 * would write it. A Task fetches the list; 50 rows show the requested date, who requested it, a
 * status badge, the expiry, the size and a download button. One Intl.DateTimeFormat, built when the
 * module loads. No validation, no i18n, no error handling, no windows: what the issue's independent
 * harness compared the widget with. Bundled by tools/bench-server.mjs with Lit and @lit/task included.
 */
import { LitElement, css, html } from 'lit';
import { Task } from '@lit/task';

interface Row {
  id: string;
  status: string;
  requestedAt: string;
  requestedBy?: string | null;
  expiresAt?: string | null;
  sizeBytes?: number | null;
}

const LABELS: Record<string, string> = {
  awaiting_release: 'Aguardando liberação',
  in_progress: 'Em progresso',
  ready: 'Pronto para baixar',
  expired: 'Expirado',
  server_error: 'Erro de servidor',
};
const date = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'short' });
const when = (iso?: string | null) => (iso ? date.format(Date.parse(iso)) : '—');
const size = (bytes?: number | null) => (bytes ? `${(bytes / 1e9).toFixed(1)} GB` : '—');

class MinimalTab extends LitElement {
  static override styles = css`
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: start; padding: 0.5em; border-bottom: 1px solid #767676; }
    .status { border-radius: 4px; padding: 0 0.4em; background: #eee; }
  `;

  #list = new Task(this, {
    task: async (_args: readonly [], { signal }) => {
      const response = await fetch('/api/backups', { signal, headers: { Accept: 'application/json' } });
      return ((await response.json()) as { backups: Row[] }).backups;
    },
    args: () => [] as const,
  });

  override render() {
    return this.#list.render({
      complete: (rows) => html`<table>
        <thead>
          <tr><th>Solicitado em</th><th>Solicitado por</th><th>Situação</th><th>Expira em</th><th>Tamanho</th><th></th></tr>
        </thead>
        <tbody>
          ${rows.map(
            (b) => html`<tr>
              <td>${when(b.requestedAt)}</td>
              <td>${b.requestedBy ?? '—'}</td>
              <td><span class="status">${LABELS[b.status] ?? 'Valor inválido'}</span></td>
              <td>${when(b.expiresAt)}</td>
              <td>${size(b.sizeBytes)}</td>
              <td>${b.status === 'ready' ? html`<button>Baixar arquivo</button>` : ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>`,
    });
  }
}

customElements.define('minimal-tab', MinimalTab);
