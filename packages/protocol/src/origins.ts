/**
 * Whether `value` is a serialized web origin (`scheme://host[:port]`, nothing more) that may be
 * trusted. The opaque origin `"null"` never is.
 */
export function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string' || value === 'null' || value.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
}

/**
 * Whether `origin` is a development origin (`localhost`, `127.0.0.1`, `[::1]`), where plain
 * `http:` is allowed.
 */
export function isLoopbackOrigin(origin: string): boolean {
  const { hostname } = new URL(origin);
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
