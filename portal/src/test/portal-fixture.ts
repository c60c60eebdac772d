/**
 * Component-test helpers around a real `<paragon-connect-portal>` on the real Connect server
 * (see connect-server.ts): render one signed in as a fresh user with a recording host, find
 * things through shadow roots, and act as a user would.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { ConnectError } from '../../../protocol/src/errors.js';
import type { SdkEvent, SessionHandOver } from '../../../protocol/src/rpc.js';
import { ConnectPortal } from '../connect-portal/connect-portal.js';
import type { HostHandle } from '../runtime/serve-host.js';
import { sessionFor } from './connect-server.js';

export interface RenderedPortal {
  el: ConnectPortal;
  session: SessionHandOver;
  /** Every SDK event the portal sent the host, in order. */
  events: SdkEvent[];
}

export async function renderPortal({
  display = 'inline',
  integration = 'crm',
  signIn = true,
  sub,
  projectId,
}: { display?: 'inline' | 'modal'; integration?: string; signIn?: boolean; sub?: string; projectId?: string } = {}): Promise<RenderedPortal> {
  const el = new ConnectPortal();
  el.display = display;
  el.integration = integration;
  const events: SdkEvent[] = [];
  el.attachHost(recordingHost(events));
  await fixture(html`<div>${el}</div>`);
  const session = await sessionFor(sub, { projectId });
  if (signIn) {
    await el.authenticate(session);
    await settle(el);
  }
  return { el, session, events };
}

/** A host bridge that records the events it is sent and gives no options of its own. */
export function recordingHost(events: SdkEvent[]): HostHandle {
  return {
    ready: () => undefined,
    emit: (event) => void events.push(event),
    setState: () => undefined,
    loadOptions: (key) => Promise.reject(new ConnectError('invalid_argument', `The app gives no options for "${key}".`)),
    signIn: () => undefined,
    installFlow: () => undefined,
    resize: () => undefined,
  };
}

/** Waits until `el` and every element rendered inside it have finished updating. */
export async function settle(el: Element): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    const pending = [el, ...all(el, '*')].filter((node): node is Element & { updateComplete: Promise<boolean> } => 'updateComplete' in node);
    const changed = await Promise.all(pending.map((node) => node.updateComplete));
    if (changed.every(Boolean)) return;
  }
}

/** The element's parent, or the host of the shadow root it is in. */
const composedParent = (element: Element): Element | null =>
  element.parentElement ?? ((element.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;

/**
 * Whether `element` matches a selector of descendant steps (`paragon-inputs-form button`) whose
 * ancestors may be in enclosing shadow roots, as a user sees the page rather than the DOM.
 */
function matchesAcrossShadows(element: Element, selector: string): boolean {
  const steps = selector.trim().split(/\s+(?![^[]*\])/);
  if (!element.matches(steps.pop()!)) return false;
  let ancestor = composedParent(element);
  while (steps.length > 0 && ancestor) {
    if (ancestor.matches(steps.at(-1)!)) steps.pop();
    ancestor = composedParent(ancestor);
  }
  return steps.length === 0;
}

/** Every element matching `selector` anywhere under `root`, shadow roots included (see `matchesAcrossShadows`). */
export function all<T extends Element = HTMLElement>(root: Element | ShadowRoot, selector: string): T[] {
  const found: T[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const child of node.querySelectorAll('*')) {
      if (matchesAcrossShadows(child, selector)) found.push(child as T);
      if (child.shadowRoot) visit(child.shadowRoot);
    }
  };
  visit('shadowRoot' in root && root.shadowRoot ? root.shadowRoot : root);
  return found;
}

/** The first element matching `selector` whose text contains `text`, anywhere under `root`. */
export function find<T extends Element = HTMLElement>(root: Element, selector: string, text?: string | RegExp): T | undefined {
  return all<T>(root, selector).find(
    (node) => text === undefined || (typeof text === 'string' ? node.textContent!.includes(text) : text.test(node.textContent!)),
  );
}

export async function click(root: Element, selector: string, text?: string | RegExp): Promise<void> {
  const target = find(root, selector, text);
  if (!target) throw new Error(`Nothing matches ${selector} ${text ?? ''}`);
  target.click();
  await settle(root);
}

/** Waits until `check` holds, re-rendering between tries. */
export async function until(root: Element, check: () => unknown, message?: string): Promise<void> {
  await waitUntil(
    async () => {
      await settle(root);
      return Boolean(check());
    },
    message,
    { timeout: 4000 },
  );
}

/** The form control a label names (by the label's text), anywhere under `root`. */
export function control<T extends HTMLElement = HTMLInputElement>(root: Element, labelText: string | RegExp): T | undefined {
  const labels = all<HTMLLabelElement>(root, 'label').filter((label) =>
    typeof labelText === 'string' ? label.textContent!.trim().startsWith(labelText) : labelText.test(label.textContent!),
  );
  return labels.map((label) => label.control).find(Boolean) as T | undefined;
}

/** Fills the control a label names and commits it. */
export async function fill(root: Element, labelText: string | RegExp, text: string): Promise<void> {
  const input = control(root, labelText);
  if (!input) throw new Error(`No control labelled ${labelText}`);
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await settle(root);
}
