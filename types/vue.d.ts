import type { DefineComponent } from "vue";
import type { AccountBackupTab } from "../dist/index.js";

type AccountBackupTabProps = {
  /** Where the backend contract lives (`GET {base-url}/backups`…). */
  baseUrl?: AccountBackupTab["baseUrl"];
  /** The language of the labels: `pt-BR`, `en` or `es`. Without it: the nearest ancestor's `lang`, the document's, the browser's, then pt-BR. */
  lang?: AccountBackupTab["lang"];
  /** Seconds between refreshes while a backup is awaiting release or in progress; `0` turns polling off. */
  pollInterval?: AccountBackupTab["pollInterval"];
  /** Milliseconds after which a call gives up with a timeout message. */
  timeout?: AccountBackupTab["timeout"];
  /** The level of the tab's heading (1–6), so that it fits the host page's outline. */
  headingLevel?: AccountBackupTab["headingLevel"];
  /** Offer a browser notification when a backup becomes ready while the page is hidden (asked on a click, never on load). */
  notify?: AccountBackupTab["notify"];
  /** Used for every call, so the host page can add its session headers or CSRF token. */
  fetch?: AccountBackupTab["fetch"];
  /** A backup was requested (the backend answered 201). */
  onAccountBackupRequested?: (
    e: CustomEvent<import("../dist/index.js").BackupEventMap["account-backup-requested"]["detail"]>,
  ) => void;
  /** SFTP credentials were issued. The private key is never part of the detail. */
  onAccountBackupCredentialsIssued?: (
    e: CustomEvent<import("../dist/index.js").BackupEventMap["account-backup-credentials-issued"]["detail"]>,
  ) => void;
  /** A request awaiting release was cancelled (contract v1.1: `DELETE` answered 200). */
  onAccountBackupCancelled?: (
    e: CustomEvent<import("../dist/index.js").BackupEventMap["account-backup-cancelled"]["detail"]>,
  ) => void;
  /** A refresh found a backup that had just become ready to download (never on the first load), so the host can show its own toast. */
  onAccountBackupReady?: (
    e: CustomEvent<import("../dist/index.js").BackupEventMap["account-backup-ready"]["detail"]>,
  ) => void;
  /** The backend answered 401: the session expired; the host page may renew it, then the user retries. */
  onAccountBackupUnauthorized?: (
    e: CustomEvent<import("../dist/index.js").BackupEventMap["account-backup-unauthorized"]["detail"]>,
  ) => void;
  /** A call failed and the user was told so. `kind` is one of unauthorized, plan_not_eligible, forbidden, not_ready, expired, not_cancellable, rate_limited, server, network, timeout, invalid_response. */
  onAccountBackupError?: (
    e: CustomEvent<import("../dist/index.js").BackupEventMap["account-backup-error"]["detail"]>,
  ) => void;
};

export type CustomElements = {
  /**
   * Request, follow and download SoftExpert Suite cloud database backups.
   * ---
   *
   *
   * ### **Methods:**
   *  - **refresh(): _Promise<void>_** - Reloads the list now (also what *Tentar novamente* does).
   *
   * ### **Slots:**
   *  - **terms** - The official download terms, shown in the download window before the user accepts them. A default text ships.
   *
   * ### **CSS Properties:**
   *  - **--abt-font** - Font of the element (the host page's by default). _(default: inherit)_
   * - **--abt-color** - Text colour. _(default: CanvasText)_
   * - **--abt-background** - Background of the element and of its windows. _(default: Canvas)_
   * - **--abt-muted** - Secondary text. _(default: light-dark(#595959, #bdbdbd))_
   * - **--abt-border** - Borders and rules. _(default: light-dark(#767676, #9a9a9a))_
   * - **--abt-accent** - Primary buttons. _(default: light-dark(#0b5cad, #8cc4ff))_
   * - **--abt-accent-text** - Text on primary buttons. _(default: light-dark(#fff, #00213f))_
   * - **--abt-danger** - Errors and the server-error status. _(default: light-dark(#b3261e, #ffb4ab))_
   * - **--abt-success** - The ready status. _(default: light-dark(#146c2e, #8fd9a0))_
   * - **--abt-focus** - The focus ring. _(default: light-dark(#0b5cad, #8cc4ff))_
   * - **--abt-radius** - Corner radius of buttons, status labels and windows. _(default: 4px)_
   *
   * ### **CSS Parts:**
   *  - **heading** - The tab's heading.
   * - **toolbar** - The row with the request button and the next-request date.
   * - **request-button** - *Solicitar backup*.
   * - **next-request** - The date from which a new request can be made.
   * - **notice** - Informational messages (e.g. someone else requested first).
   * - **error** - An error message with its *Tentar novamente* button.
   * - **button** - Every button.
   * - **retry-button** - *Tentar novamente*.
   * - **refresh-button** - *Atualizar lista*.
   * - **table** - The list of backups.
   * - **status** - A status label.
   * - **download-button** - *Baixar arquivo* on a ready backup.
   * - **cancel-button** - *Cancelar solicitação* on a request awaiting release (contract v1.1).
   * - **reminder-button** - The calendar reminders: before a backup expires, and when a new request is allowed.
   * - **notify-button** - *Avisar quando ficar pronto* (with `notify`).
   * - **dialog** - The windows (the confirmations and the download).
   */
  "account-backup-tab": DefineComponent<AccountBackupTabProps>;
};

declare module "vue" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalComponents extends CustomElements {}
}

declare global {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface IntrinsicElements extends CustomElements {}
  }
}
