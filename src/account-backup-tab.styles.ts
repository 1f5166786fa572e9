import { css } from 'lit';

/**
 * Every colour, font and radius goes through a documented `--abt-*` custom property, whose default
 * is written once, on :host, as a private `--_*` value the rules use. The host resets what a page's
 * global CSS could push in through inheritance.
 */
export const styles = css`
  :host {
    /* Nothing of the page's typography (text-transform, letter-spacing…) leaks in through
       inheritance; custom properties are not reset by all. */
    all: initial;
    visibility: inherit;
    font: var(--abt-font, inherit);
    background: var(--_background);
    color-scheme: light dark;
    color: var(--abt-color, CanvasText);
    container-type: inline-size;
    line-height: 1.5;
    display: block;
    /* Each themable value with its default, once (the JSDoc of account-backup-tab.ts documents the
       same defaults, and test/element/theming.test.ts checks that they agree). */
    --_background: var(--abt-background, Canvas);
    --_muted: var(--abt-muted, light-dark(#595959, #bdbdbd));
    --_border: var(--abt-border, light-dark(#767676, #9a9a9a));
    --_radius: var(--abt-radius, 4px);
    --_accent: var(--abt-accent, light-dark(#0b5cad, #8cc4ff));
    --_accent-text: var(--abt-accent-text, light-dark(#fff, #00213f));
    --_focus: var(--abt-focus, light-dark(#0b5cad, #8cc4ff));
    --_danger: var(--abt-danger, light-dark(#b3261e, #ffb4ab));
    --_success: var(--abt-success, light-dark(#146c2e, #8fd9a0));
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  h2,
  .heading {
    margin: 0 0 0.5em;
    font-size: 1.25em;
    font-weight: 700;
  }
  .copied,
  .save span {
    margin-inline-start: 0.5em;
    color: var(--_success);
    white-space: nowrap;
  }
  .muted {
    color: var(--_muted);
  }
  button {
    color: inherit;
    min-width: 24px;
    padding: 0.25em 0.9em;
    font: inherit;
    min-height: max(24px, 2.25em);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: none;
    cursor: pointer;
    white-space: nowrap;
  }
  button.primary {
    border-color: var(--_accent);
    background: var(--_accent);
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
  .toolbar,
  .error {
    flex-wrap: wrap;
    display: flex;
    align-items: center;
    gap: 0.5em 1em;
  }
  .toolbar p,
  .error p,
  dd {
    margin: 0;
  }
  .notice,
  .error {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    border-inline-start-width: 4px;
    padding: 0.5em 0.75em;
    margin: 0.75em 0;
  }
  .error {
    border-color: var(--_danger);
  }
  .error p {
    flex: 16em;
  }
  /* The next-request date takes a line of its own rather than squeezing beside the buttons. */
  .toolbar p {
    flex: 1 1 18em;
  }
  /* An atomic box is measured the same way for breaking the line and for painting it (WebKit let an
     inline date run 2 px past the host at 480 px). */
  .toolbar time {
    display: inline-block;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    margin-top: 1em;
  }
  caption {
    text-align: start;
    padding-bottom: 0.5em;
    font-weight: 700;
  }
  th,
  td {
    text-align: start;
    padding: 0.5em;
    vertical-align: top;
    border-bottom: 1px solid var(--_border);
  }
  tbody th {
    font-weight: 400;
  }
  /* Words never break inside: dates, statuses and the summary stay whole; lines break at spaces. */
  time,
  summary,
  .left {
    white-space: nowrap;
  }
  /* A long e-mail is cut with an ellipsis rather than broken (the cell's title shows it whole): the
     column takes 26 % (max-width: 0 keeps it from widening the table). */
  .by {
    max-width: 0;
    width: 26%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    padding: 0 0.5em;
    border: 1px solid;
    border-radius: var(--_radius);
    white-space: nowrap;
    display: inline-block;
  }
  .status.ready {
    color: var(--_success);
    font-weight: 700;
  }
  .status.server_error,
  .status.invalid {
    color: var(--_danger);
  }
  .status.expired {
    color: var(--_muted);
    border-style: dashed;
  }
  code {
    font-family: ui-monospace, monospace;
    white-space: pre-wrap;
    /* A hash or a command breaks inside a word only when that word alone is wider than the box. */
    overflow-wrap: anywhere;
  }
  /* A command stays on one line and scrolls in its own box: it never wraps inside an argument. */
  .command code {
    display: block;
    white-space: pre;
    overflow-wrap: normal;
    overflow-x: auto;
    padding: 0.25em 0;
  }
  .command dd {
    min-width: 0;
  }
  summary {
    padding: 0.25em 0;
    cursor: pointer;
  }
  dl {
    margin: 0.5em 0;
  }
  /* In a row, the checksum's label sits above it, so the hash gets the cell's width. */
  details .value {
    grid-template-columns: 1fr auto;
  }
  details dt {
    grid-column: 1 / -1;
  }
  .value {
    display: grid;
    grid-template-columns: 8em 1fr auto;
    align-items: center;
    gap: 0.5em;
    margin-bottom: 0.25em;
  }
  dialog {
    color: inherit;
    max-width: min(40em, 100vw - 2em);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    padding: 1.25em;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .terms {
    padding: 0 0.75em;
    max-height: 12em;
    border: 1px solid var(--_border);
    overflow: auto;
  }
  .accept {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0.75em 0;
  }
  .accept input {
    margin: 0;
    width: 24px;
    height: 24px;
    /* A long label in a narrow window must not squeeze the 24 px target. */
    flex: none;
  }
  /* A window's buttons. */
  .buttons {
    display: flex;
    gap: 0.5em;
    justify-content: flex-end;
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
  /* Below the table's own width, every row becomes a labelled card. With long data and the v1.1
     reminder button the table needs about 63em (es 1004 px at 16 px: test/element/layout.test.ts sweeps
     it); em here is the host's font size, so a larger font moves the breakpoint with it. */
  @container (max-width: 64em) {
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
      /* Short fields side by side when there is room; details and actions take a line each. The
         last line's rule would double the card's border: it slides under the clipped edge. */
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14em, 1fr));
      overflow: hidden;
    }
    tbody th,
    tbody td {
      margin-bottom: -1px;
    }
    .details,
    .actions {
      grid-column: 1 / -1;
    }
    .by {
      max-width: none;
      width: auto;
    }
    /* Each card labels its cells with the column's label (custom properties of the table). */
    tbody tr > ::before {
      display: block;
      font-weight: 700;
    }
    .requested::before {
      content: var(--_requested);
    }
    .by::before {
      content: var(--_by);
    }
    .state::before {
      content: var(--_state);
    }
    .details::before {
      content: var(--_details);
    }
    .actions::before {
      content: var(--_actions);
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
  /* Narrower than the 320 px the layout is made for, a long label takes two lines rather than
     being cut. */
  @container (width < 20em) {
    button {
      white-space: normal;
    }
  }
  @media (forced-colors) {
    button.primary {
      border-color: ButtonText;
    }
    .status {
      border-color: CanvasText;
    }
  }
`;
