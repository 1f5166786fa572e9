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
  /** The backend answered 401: the session expired; the host page may renew it, then the user retries. */
  onAccountBackupUnauthorized?: (
    e: CustomEvent<import("../dist/index.js").BackupEventMap["account-backup-unauthorized"]["detail"]>,
  ) => void;
  /** A call failed and the user was told so. `kind` is one of unauthorized, plan_not_eligible, forbidden, not_ready, expired, rate_limited, server, network, timeout, invalid_response. */
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
   * - **--abt-muted** - Secondary text. Default #595959 in light, #bdbdbd in dark schemes. _(default: undefined)_
   * - **--abt-border** - Borders and rules. Default #767676 in light, #9a9a9a in dark schemes. _(default: undefined)_
   * - **--abt-accent** - Primary buttons. Default #0b5cad in light, #8cc4ff in dark schemes. _(default: undefined)_
   * - **--abt-accent-text** - Text on primary buttons. Default #fff in light, #00213f in dark schemes. _(default: undefined)_
   * - **--abt-danger** - Errors and the server-error status. Default #b3261e in light, #ffb4ab in dark schemes. _(default: undefined)_
   * - **--abt-success** - The ready status. Default #146c2e in light, #8fd9a0 in dark schemes. _(default: undefined)_
   * - **--abt-focus** - The focus ring. Default #0b5cad in light, #8cc4ff in dark schemes. _(default: undefined)_
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
   * - **table** - The list of backups.
   * - **status** - A status label.
   * - **download-button** - *Baixar arquivo* on a ready backup.
   * - **dialog** - Both windows (confirmation and download).
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
