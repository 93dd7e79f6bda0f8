import { Inflate } from 'fflate';
import { ARCHIVE, FORM_LIMITS, type FormProblem } from './problem';

// Reads a form's zip archive from its central directory. fflate inflates; the headers are read
// here only to refuse what a form may not hold (encryption, symlinks, odd names) before inflating,
// every size cap is checked on the bytes that inflation actually produced, and those bytes must
// have the size and CRC-32 the directory declares: a damaged upload is refused, never stored.

/** The files of an archive by path, or every problem that stopped them being read. */
export type ZipResult = { ok: true; files: Map<string, Uint8Array> } | { ok: false; problems: FormProblem[] };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** Unix file type bits of a symbolic link, in the high half of the external attributes. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
/** Deflate input is fed in slices this small, so one slice can never inflate to more than ~1 MB. */
const SLICE = 1024;

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  unixMode: number;
}

/** The CRC-32 table (IEEE 802.3, reflected), as zip uses it. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The CRC-32 of `data`, as an unsigned number. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Why a path inside the archive cannot be a file of a form, or `null`. */
export function badPath(name: string): string | null {
  if (name.includes('\\')) return 'a path with a backslash';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'an absolute path';
  // eslint-disable-next-line no-control-regex -- control characters in a file name
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a path with a control character';
  const parts = name.split('/');
  if (parts.some((p) => p === '..' || p === '.')) return 'a path that climbs out of the form (. or ..)';
  if (parts.some((p) => p === '')) return 'a path with an empty segment';
  if (name.length > 200) return 'a path longer than 200 characters';
  return null;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) return i;
  }
  return -1;
}

function readEntries(bytes: Uint8Array, problems: FormProblem[]): Entry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.byteLength >= 22 ? findEndOfCentralDirectory(view) : -1;
  if (eocd < 0) {
    problems.push({ file: ARCHIVE, line: 0, reason: 'not a zip archive (no end of central directory)' });
    return null;
  }
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  let at = view.getUint32(eocd + 16, true);
  if (count === 0xffff || at === 0xffffffff || at + size > eocd) {
    problems.push({ file: ARCHIVE, line: 0, reason: 'a zip64 or damaged central directory' });
    return null;
  }
  const entries: Entry[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      problems.push({ file: ARCHIVE, line: 0, reason: 'a damaged central directory' });
      return null;
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    } catch {
      name = '(a name that is not UTF-8)';
    }
    entries.push({
      name,
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      unixMode: view.getUint8(at + 5) === 3 ? view.getUint32(at + 38, true) >>> 16 : 0,
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The data of one entry, inflated with at most `cap` bytes kept; `null` past the cap. */
function inflateEntry(bytes: Uint8Array, entry: Entry, cap: number): Uint8Array | null | 'damaged' {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_SIGNATURE) return 'damaged';
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) return 'damaged';
  const data = bytes.subarray(start, end);
  if (entry.method === 0) return data.byteLength > cap ? null : data.slice();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflate = new Inflate((chunk) => {
    total += chunk.byteLength;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  try {
    for (let i = 0; i < data.byteLength && !over; i += SLICE) {
      inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.byteLength);
    }
  } catch {
    return 'damaged';
  }
  if (over) return null;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Reads a form archive: at most {@link FORM_LIMITS}.files files, each at most `fileBytes` and all
 * together at most `totalBytes` once inflated; no encrypted entry, symbolic link, duplicate name,
 * absolute path, backslash or `..`; each file's inflated size and CRC-32 as the central directory
 * declares them. Folders are skipped. Every problem found is listed.
 */
export function readZip(bytes: Uint8Array): ZipResult {
  const problems: FormProblem[] = [];
  const entries = readEntries(bytes, problems);
  if (!entries) return { ok: false, problems };
  const files = new Map<string, Uint8Array>();
  const seen = new Set<string>();
  let total = 0;
  let count = 0;
  for (const entry of entries) {
    const file = entry.name;
    if (seen.has(file)) {
      problems.push({ file, line: 0, reason: 'a duplicate name in the archive' });
      continue;
    }
    seen.add(file);
    const type = entry.unixMode & S_IFMT;
    if (type === S_IFLNK) {
      problems.push({ file, line: 0, reason: 'a symbolic link: a form holds regular files only' });
      continue;
    }
    const pathProblem = badPath(file.endsWith('/') ? file.slice(0, -1) : file);
    if (pathProblem) {
      problems.push({ file, line: 0, reason: pathProblem });
      continue;
    }
    if (file.endsWith('/')) continue;
    if (type !== 0 && type !== S_IFREG) {
      problems.push({ file, line: 0, reason: 'not a regular file' });
      continue;
    }
    if (entry.flags & 1) {
      problems.push({ file, line: 0, reason: 'an encrypted entry' });
      continue;
    }
    if (entry.method !== 0 && entry.method !== 8) {
      problems.push({ file, line: 0, reason: `compression method ${entry.method} (only stored and deflate)` });
      continue;
    }
    if (++count > FORM_LIMITS.files) {
      problems.push({ file, line: 0, reason: `more than ${FORM_LIMITS.files} files in the form` });
      break;
    }
    const cap = Math.min(FORM_LIMITS.fileBytes, FORM_LIMITS.totalBytes - total);
    const data = inflateEntry(bytes, entry, cap);
    if (data === 'damaged') {
      problems.push({ file, line: 0, reason: 'damaged compressed data' });
      continue;
    }
    if (data === null) {
      const reason =
        cap < FORM_LIMITS.fileBytes
          ? `the form is larger than ${FORM_LIMITS.totalBytes} bytes uncompressed`
          : `larger than ${FORM_LIMITS.fileBytes} bytes uncompressed`;
      problems.push({ file, line: 0, reason });
      if (cap < FORM_LIMITS.fileBytes) break;
      continue;
    }
    if (data.byteLength !== entry.size) {
      problems.push({
        file,
        line: 0,
        reason: `damaged data (${entry.size} bytes declared, ${data.byteLength} inflated)`,
      });
      continue;
    }
    if (crc32(data) !== entry.crc) {
      problems.push({ file, line: 0, reason: 'damaged data (its CRC-32 does not match)' });
      continue;
    }
    total += data.byteLength;
    files.set(file, data);
  }
  return problems.length ? { ok: false, problems } : { ok: true, files };
}
