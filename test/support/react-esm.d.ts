/** The ES module the test runner bundles from react and react-dom (see web-test-runner.config.mjs). */
declare module 'virtual:react' {
  export function createElement(type: string, props?: Record<string, unknown>): unknown;
  export function createRoot(container: Element): { render(node: unknown): void; unmount(): void };
  export function flushSync(fn: () => void): void;
}
