// React 19 and TypeScript: <account-backup-tab> in TSX with its attributes, properties and typed
// on… event handlers, added to React's JSX.IntrinsicElements. Opt in once, anywhere in the app:
//   import type {} from '@softexpert/account-backup-tab/react';
// The props come from ./custom-elements-jsx.d.ts, which `npm run build` generates from
// custom-elements.json; this file only hands them to React, with React's own HTML attributes
// (aria-*, className, style, ref typed as the element).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CustomElements } from './custom-elements-jsx.js';
import type {} from '../dist/define.js'; // HTMLElementTagNameMap['account-backup-tab']

type ElementOf<Tag> = Tag extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[Tag] : HTMLElement;

type ReactCustomElements = {
  [Tag in keyof CustomElements]: CustomElements[Tag] & DetailedHTMLProps<HTMLAttributes<ElementOf<Tag>>, ElementOf<Tag>>;
};

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends ReactCustomElements {}
  }
}
