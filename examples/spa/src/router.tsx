import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A History-API router in a few lines: the app has three routes and needs no dependency for them.

/** Where the app is served, without the trailing slash: `/app`. */
const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');
const listeners = new Set<() => void>();
let navigations = 0;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => `${window.location.pathname}${window.location.search}`;

if (typeof window !== 'undefined') window.addEventListener('popstate', () => navigations++);

/** The route the browser is on, relative to the app's base: `path` (`/`, `/checkout`, …) and `query`. */
export interface Route {
  path: string;
  query: URLSearchParams;
}

/** The current route; re-renders on `navigate()` and on back/forward. */
export function useRoute(): Route {
  const url = new URL(
    useSyncExternalStore(subscribe, snapshot, () => `${BASE}/`),
    'http://app.invalid',
  );
  const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
  return { path: path || '/', query: url.searchParams };
}

/** Goes to `to` (relative to the base, e.g. `/orders/abc`); `replace` keeps the history entry. */
export function navigate(to: string, { replace = false } = {}): void {
  window.history[replace ? 'replaceState' : 'pushState'](null, '', `${BASE}${to}`);
  if (!replace) {
    navigations++;
    window.scrollTo(0, 0);
  }
  for (const listener of listeners) listener();
}

/** How many times the shopper moved between pages since the app loaded (0 on the first page). */
export function navigationCount(): number {
  return navigations;
}

/** Props of {@link Link}: an anchor's, with `to` instead of `href`. */
export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
}

/** An `<a>` that navigates inside the app; modified clicks (new tab, …) stay the browser's. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={`${BASE}${to}`} onClick={follow} {...rest} />;
}
