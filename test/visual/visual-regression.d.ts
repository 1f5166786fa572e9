/**
 * @web/test-runner-visual-regression's browser entry: its index.d.ts re-exports
 * `./browser/commands.mjs`, for which it ships a `.d.ts` and no `.d.mts`, so TypeScript finds no
 * types there. The one function the visual test uses, as the package documents it.
 */
declare module '@web/test-runner-visual-regression' {
  export function visualDiff(element: Node, name: string): Promise<void>;
}
