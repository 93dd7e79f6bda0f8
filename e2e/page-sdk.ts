import type { Page } from '@playwright/test';
import { servers } from './env';

// Helpers that drive the real script-tag SDK (`window.CardsSession`) on the example checkout
// page, for extra fields on extra sessions. Functions passed to page.evaluate run in the page, so
// they only use the types below, never values imported here.

/** What a spec can see of a field state. */
export interface PageFieldState {
  empty: boolean;
  complete: boolean;
  valid: boolean;
  brand: string;
  error?: { code: string; message: string };
}

/** The parts of the public SDK API the specs call in the page. */
interface PageField {
  mount(target: string | HTMLElement): Promise<void>;
  on(event: string, handler: (payload: unknown) => void): () => void;
  update(options: Record<string, unknown>): void;
  focus(): Promise<boolean>;
  unmount(): void;
  destroy(): void;
  readonly state: PageFieldState | null;
}
interface PageSession {
  createField(type: string, options?: Record<string, unknown>): PageField;
  submit(): Promise<{ payment_request_id: string; action_url: string }>;
  authenticate(result: unknown, options: { mode: 'redirect' | 'modal' }): Promise<{ status: string }>;
}
/** One extra field the spec mounted, with every event it emitted, in order. */
interface Extra {
  session: PageSession;
  field: PageField;
  events: { name: string; payload: unknown }[];
}
export interface TestWindow {
  CardsSession: { init(options: Record<string, unknown>): PageSession };
  extras: Record<string, Extra>;
}

/** How a mount ended: `ok`, or the error's code and message. */
export type MountOutcome = { ok: true } | { ok: false; code: string; message: string; elapsed: number };

/** What {@link mountExtraIn} needs: the container's id, `init` options, field options. */
export interface ExtraSpec {
  name: string;
  init: Record<string, unknown>;
  field?: Record<string, unknown>;
}

/**
 * Runs in the page: puts `<div id={name}>` at the end of the payment form, creates a session
 * object and a field for it with the real SDK, records every field event in
 * `window.extras[name].events`, mounts it.
 */
export async function mountExtraIn({ name, init, field: options = {} }: ExtraSpec): Promise<MountOutcome> {
  const w = window as unknown as TestWindow;
  const container = document.createElement('div');
  container.id = name;
  container.className = 'extra';
  document.getElementById('payment-form')?.append(container);
  const session = w.CardsSession.init(init);
  const field = session.createField('cvn', options);
  const extra: Extra = { session, field, events: [] };
  for (const event of ['ready', 'change', 'focus', 'blur', 'escape', 'error']) {
    field.on(event, (payload) => extra.events.push({ name: event, payload }));
  }
  w.extras = { ...w.extras, [name]: extra };
  const started = performance.now();
  try {
    await field.mount(container);
    return { ok: true as const };
  } catch (err) {
    const { code, message } = err as { code: string; message: string };
    return { ok: false as const, code, message, elapsed: performance.now() - started };
  }
}

/** {@link mountExtraIn} from a Playwright spec. */
export async function mountExtra(
  page: Page,
  name: string,
  init: Record<string, unknown>,
  field: Record<string, unknown> = {},
): Promise<MountOutcome> {
  return page.evaluate(mountExtraIn, { name, init, field });
}

/** The names of the events an extra field emitted, in order. */
export async function eventNames(page: Page, name: string): Promise<string[]> {
  return page.evaluate((n) => (window as unknown as TestWindow).extras[n]?.events.map((e) => e.name) ?? [], name);
}

/** The `change` states an extra field emitted, in order. */
export async function changes(page: Page, name: string): Promise<PageFieldState[]> {
  return page.evaluate(
    (n) =>
      ((window as unknown as TestWindow).extras[n]?.events ?? [])
        .filter((e) => e.name === 'change')
        .map((e) => e.payload as PageFieldState),
    name,
  );
}

/** The CVN input of an extra field. */
export function extraInput(page: Page, name: string) {
  return page.frameLocator(`#${name} iframe`).locator('input');
}

/** Reads a gateway resource with the secret key, as the merchant's server would. */
export async function gatewayGet<T>(path: string): Promise<T> {
  const res = await fetch(`${servers.gateway}${path}`, {
    headers: { Authorization: servers.basicAuth },
  });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
