import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** A folder served under a URL prefix, with the `Cache-Control` its files go out with. */
export interface StaticFolder {
  /** The URL path prefix, ending in `/` (`/app/assets/`, `/`). */
  prefix: string;
  /** The folder the files are read from. */
  dir: string;
  /** The `Cache-Control` of every file in it. */
  cache: string;
}

/** The content codings served, best first, and how each is made (off the event loop). */
type Coding = 'br' | 'gzip';
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const CODINGS: Record<Coding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) =>
    brotliAsync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body) => gzipAsync(body, { level: 9 }),
};

// What is served as a file, and whether it is worth compressing. No HTML: the shop's pages go out
// with its CSP, through its own handler.
const TYPES: Record<string, { type: string; compress: boolean }> = {
  '.js': { type: 'text/javascript; charset=utf-8', compress: true },
  '.css': { type: 'text/css; charset=utf-8', compress: true },
  '.svg': { type: 'image/svg+xml', compress: true },
  '.png': { type: 'image/png', compress: false },
  '.ico': { type: 'image/x-icon', compress: false },
};

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The coding to answer with for an `Accept-Encoding` header: `br`, else `gzip`, else `identity`
 * (`undefined`). Honours `q=0` (refused) and `*`; a malformed item counts as not offered.
 */
export function chooseCoding(acceptEncoding: string | undefined): Coding | undefined {
  const offered = new Map<string, number>();
  for (const item of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = item.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    // RFC 9110's qvalue: 0 to 1 with at most three decimals; anything else is malformed.
    const weight = q === undefined ? 1 : QVALUE.test(q.slice(2)) ? Number(q.slice(2)) : NaN;
    if (name && Number.isFinite(weight)) offered.set(name, weight);
  }
  const wildcard = offered.get('*') ?? 0;
  return (['br', 'gzip'] as const).find((coding) => (offered.get(coding) ?? wildcard) > 0);
}

interface Cached {
  mtimeMs: number;
  size: number;
  identity: Buffer;
  /** Made on first demand; concurrent requests share one compression. */
  coded: Partial<Record<Coding, Promise<Buffer>>>;
}

/**
 * A handler for the files of `folders` (first matching prefix wins): `GET` and `HEAD` of a file
 * with a known type answer it, compressed with brotli or gzip as `Accept-Encoding` allows, with
 * `Vary: Accept-Encoding` and an `ETag` (a matching `If-None-Match` gets `304`). Compressed bodies
 * are made once per file version (size and mtime) and kept. Resolves `false`, having written
 * nothing, for any other request, so the caller routes it.
 */
function staticFiles(folders: StaticFolder[]) {
  const cache = new Map<string, Cached>();

  const version = (full: string, mtimeMs: number, size: number): Cached => {
    let entry = cache.get(full);
    if (!entry || entry.mtimeMs !== mtimeMs || entry.size !== size) {
      entry = { mtimeMs, size, identity: readFileSync(full), coded: {} };
      cache.set(full, entry);
    }
    return entry;
  };

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const folder = folders.find((f) => path.startsWith(f.prefix));
    const kind = TYPES[extname(path)];
    if (!folder || !kind) return false;
    const full = join(folder.dir, path.slice(folder.prefix.length));
    const inside = relative(folder.dir, full);
    if (!inside || inside.startsWith('..') || isAbsolute(inside)) return false;
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat?.isFile()) return false;

    // Weak: the br, gzip and identity bodies are the same file, so one tag names all three.
    const etag = `W/"${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}"`;
    const common = {
      'Cache-Control': folder.cache,
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
      ...(kind.compress ? { Vary: 'Accept-Encoding' } : {}),
    };
    if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
      res.writeHead(304, common);
      res.end();
      return true;
    }
    const wanted = kind.compress ? chooseCoding(req.headers['accept-encoding']) : undefined;
    const entry = version(full, stat.mtimeMs, stat.size);
    const coded = wanted && (await (entry.coded[wanted] ??= CODINGS[wanted](entry.identity)));
    // A coding that does not shrink the file (a tiny one) is not worth the client's time.
    const coding = coded && coded.length < entry.identity.length ? wanted : undefined;
    const answer = coding && coded ? coded : entry.identity;
    res.writeHead(200, {
      'Content-Type': kind.type,
      'Content-Length': answer.length,
      ...common,
      ...(coding ? { 'Content-Encoding': coding } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : answer);
    return true;
  };
}

/**
 * A request listener that answers the files of `folders` (see {@link staticFiles}) and passes
 * every other request to `next`.
 */
export function withStaticFiles(
  folders: StaticFolder[],
  next: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const files = staticFiles(folders);
  return (req, res) => {
    // The path as the URL parser normalises it (dot segments resolved); no path, no file.
    const path = URL.parse(req.url ?? '', 'http://localhost')?.pathname;
    if (path === undefined) return next(req, res);
    // A file that cannot be read or compressed goes to `next` too, which answers it or the error.
    files(req, res, path).then(
      (served) => served || next(req, res),
      () => res.headersSent || next(req, res),
    );
  };
}
