import { strToU8, zipSync, type Zippable } from 'fflate';

// Builds form archives for tests, hostile ones included, by patching real archives' headers.

/** A zip of `files` (text or bytes by path). */
export function zipOf(files: Record<string, string | Uint8Array>, options: { level?: 0 | 9 } = {}): Uint8Array {
  const input: Zippable = {};
  for (const [path, data] of Object.entries(files)) {
    input[path] = [typeof data === 'string' ? strToU8(data) : data, { level: options.level ?? 9 }];
  }
  return zipSync(input);
}

/** Offsets of every central directory header in `zip`. */
function centralHeaders(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const found: number[] = [];
  for (let i = 0; i + 4 <= zip.byteLength; i++) if (view.getUint32(i, true) === 0x02014b50) found.push(i);
  return found;
}

/** `zip` with its central directory entries patched by `patch(view, offset, index)`. */
export function patchCentral(zip: Uint8Array, patch: (view: DataView, at: number, index: number) => void): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  centralHeaders(copy).forEach((at, index) => patch(view, at, index));
  return copy;
}

/** `zip` with every occurrence of the name `from` (same length) renamed `to`, in every header. */
export function renameAll(zip: Uint8Array, from: string, to: string): Uint8Array {
  if (from.length !== to.length) throw new Error('same length only');
  const copy = Buffer.from(zip);
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  for (let i = copy.indexOf(a); i >= 0; i = copy.indexOf(a, i + 1)) b.copy(copy, i);
  return new Uint8Array(copy);
}

/** A minimal valid form: the template, and a stylesheet when given. */
export const MINIMAL_HTML =
  '<!doctype html><p>Pay {{amount}} {{currency}}</p><label for="cvn">{{label}}</label><cs-cvn></cs-cvn>';

/** Bytes that start as a PNG says. */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
/** Bytes that start as a WOFF2 font says. */
export const WOFF2 = strToU8('wOF2\u0000\u0001\u0000\u0000rest');
