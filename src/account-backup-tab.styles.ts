import { css } from 'lit';

/**
 * Every colour, font and radius goes through a documented `--abt-*` custom property. The host
 * resets what a page's global CSS could push in through inheritance.
 */
export const styles = css`
  :host {
    /* Nothing of the page's typography (text-transform, letter-spacing…) leaks in through
       inheritance; custom properties are not reset by all. */
    all: initial;
    visibility: inherit;
    display: block;
    container-type: inline-size;
    color-scheme: light dark;
    color: var(--abt-color, CanvasText);
    background: var(--abt-background, Canvas);
    font: var(--abt-font, inherit);
    line-height: 1.5;
    --_accent: var(--abt-accent, light-dark(#0b5cad, #8cc4ff));
    --_accent-text: var(--abt-accent-text, light-dark(#fff, #00213f));
    --_border: var(--abt-border, light-dark(#767676, #9a9a9a));
    --_muted: var(--abt-muted, light-dark(#595959, #bdbdbd));
    --_danger: var(--abt-danger, light-dark(#b3261e, #ffb4ab));
    --_success: var(--abt-success, light-dark(#146c2e, #8fd9a0));
    --_focus: var(--abt-focus, light-dark(#0b5cad, #8cc4ff));
    --_radius: var(--abt-radius, 4px);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  h2 {
    font-size: 1.25em;
    margin: 0 0 0.5em;
  }
  .muted {
    color: var(--_muted);
  }
  button {
    font: inherit;
    min-height: max(24px, 2.25em);
    min-width: 24px;
    padding: 0.25em 0.9em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  .toolbar p {
    margin: 0;
  }
  .notice,
  .error {
    border: 1px solid var(--_border);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
    margin: 0.75em 0;
  }
  .error {
    border-color: var(--_danger);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  .error p {
    margin: 0;
    flex: 1 1 16em;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    margin-top: 1em;
  }
  caption {
    text-align: start;
    font-weight: bold;
    padding-bottom: 0.5em;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.5em;
    border-bottom: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  tbody th {
    font-weight: normal;
  }
  /* Addresses break only when they must: the column keeps room for a typical e-mail. */
  td:nth-child(2) {
    min-width: 14em;
  }
  .status {
    display: inline-block;
    padding: 0 0.5em;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    white-space: nowrap;
  }
  .status.ready {
    color: var(--_success);
    font-weight: bold;
  }
  .status.server_error,
  .status.invalid {
    color: var(--_danger);
  }
  .status.expired {
    color: var(--_muted);
    border-style: dashed;
  }
  code,
  pre {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  pre {
    margin: 0.25em 0;
  }
  summary {
    padding: 0.25em 0;
    cursor: pointer;
  }
  dl {
    margin: 0.5em 0;
  }
  .value {
    display: grid;
    grid-template-columns: 8em 1fr auto;
    gap: 0.5em;
    align-items: center;
    margin-bottom: 0.25em;
  }
  dd {
    margin: 0;
  }
  dialog {
    color: inherit;
    background: var(--abt-background, Canvas);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-width: min(40em, calc(100vw - 2em));
    padding: 1.25em;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .terms {
    max-height: 12em;
    overflow: auto;
    border: 1px solid var(--_border);
    padding: 0 0.75em;
  }
  .accept {
    display: flex;
    gap: 0.5em;
    align-items: center;
    margin: 0.75em 0;
  }
  .accept input {
    width: 24px;
    height: 24px;
    margin: 0;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
    margin-top: 1em;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* Narrow containers (320 px, 200% zoom): every row becomes a labelled card. */
  @container (max-width: 40rem) {
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    tr,
    th,
    td {
      display: block;
    }
    tbody tr {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin-bottom: 0.75em;
    }
    tbody th[data-label]::before,
    td[data-label]::before {
      content: attr(data-label);
      display: block;
      font-weight: bold;
    }
    td:empty {
      display: none;
    }
    .value {
      grid-template-columns: 1fr auto;
    }
    .value dt {
      grid-column: 1 / -1;
    }
  }
  @media (forced-colors: active) {
    button.primary {
      border-color: ButtonText;
    }
    .status {
      border-color: CanvasText;
    }
  }
`;
