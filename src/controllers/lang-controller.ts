/**
 * Which `lang` attribute decides an element's language (the nearest ancestor's, across the shadow
 * roots the element sits in), and when one that may decide it changes: on the element itself, an
 * ancestor, or the document's root.
 * One MutationObserver per document, shared by every registered element (a page with fifty tabs
 * has one observer, not fifty), gone when the last one unsubscribes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A subscription: the element whose language a `lang` change may decide, and what to call then. */
type Subscriber = readonly [element: Element, callback: () => void];

interface Registry {
  observer: MutationObserver;
  subscribers: Set<Subscriber>;
}

const registries = new WeakMap<Document, Registry>();
const OPTIONS: MutationObserverInit = { attributes: true, attributeFilter: ['lang'], subtree: true };

/** A node's parent, or a shadow root's host: the way up along which a `lang` is inherited. */
const parentAcrossShadows = (node: Node): Node | null => (node instanceof ShadowRoot ? node.host : node.parentNode);

/** The `lang` of the nearest ancestor that has one, across the shadow roots the element sits in. */
export function ancestorLang(element: Element): string | undefined {
  for (let node = parentAcrossShadows(element); node; node = parentAcrossShadows(node)) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang')!;
  }
  return undefined;
}

/** `ancestor` is `node` or contains it, crossing shadow boundaries (a host contains its shadow tree). */
function containsAcrossShadows(ancestor: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = parentAcrossShadows(n)) {
    if (n === ancestor) return true;
  }
  return false;
}

function registryOf(doc: Document): Registry {
  let registry = registries.get(doc);
  if (!registry) {
    const subscribers = new Set<Subscriber>();
    const observer = new MutationObserver((records) => {
      for (const [element, callback] of [...subscribers]) {
        if (records.some((record) => containsAcrossShadows(record.target, element))) callback();
      }
    });
    observer.observe(doc, OPTIONS);
    registries.set(doc, (registry = { observer, subscribers }));
  }
  return registry;
}

/**
 * Calls `callback` after a `lang` attribute changes on `element`, one of its ancestors, or the
 * hosts of the shadow roots it is in (the document's subtree does not reach into shadow roots, so
 * each of those roots is observed too). Call it while `element` is connected; it returns the
 * unsubscribe function.
 */
export function observeLang(element: Element, callback: () => void): () => void {
  const doc = element.ownerDocument;
  const registry = registryOf(doc);
  for (let root = element.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) registry.observer.observe(root, OPTIONS);
  const subscriber: Subscriber = [element, callback];
  registry.subscribers.add(subscriber);
  return () => {
    registry.subscribers.delete(subscriber);
    if (!registry.subscribers.size && registries.get(doc) === registry) {
      registry.observer.disconnect();
      registries.delete(doc);
    }
  };
}

/**
 * The same as a Lit reactive controller: observes while the host is connected and calls
 * `onChange` (default: `host.requestUpdate()`, so the host resolves its language again).
 *
 *   #lang = new LangController(this);
 */
export class LangController implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  readonly #onChange: () => void;
  #stop?: () => void;

  constructor(host: ReactiveControllerHost & Element, onChange: () => void = () => host.requestUpdate()) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.#stop?.();
    this.#stop = observeLang(this.#host, this.#onChange);
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }
}
