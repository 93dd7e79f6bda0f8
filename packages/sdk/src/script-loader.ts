import { ErrorCode } from '@cards-session/protocol';
import { CardsSessionError } from './errors';

/** One file the script-tag build fetches on first use, next to the loader. */
export interface LazyScript {
  /** The file name, resolved against the loader's own URL. */
  file: string;
  /** Its SRI hash, baked into the loader by the build. */
  integrity: string;
  /** The `window` property the file sets when it runs. */
  key: string;
  /** What the file is, for error messages: "the 3-D Secure code". */
  what: string;
}

/**
 * Returns a loader that adds `<script src=file integrity=…>` once and resolves to what the file
 * registered under `key`. A failed fetch, or bytes that do not match the hash, reject with
 * `NETWORK_ERROR` and leave no trace: the next call tries again with a fresh tag. A file that
 * runs but registers nothing rejects with `INTERNAL_ERROR`.
 */
export function lazyScript<T>({ file, integrity, key, what }: LazyScript, base: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  const registry = window as unknown as Record<string, T | undefined>;
  return () =>
    (loading ??= new Promise<T>((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = new URL(file, base).href;
      tag.integrity = integrity;
      tag.crossOrigin = 'anonymous';
      const fail = (code: ErrorCode, message: string) => {
        loading = undefined;
        tag.remove();
        reject(new CardsSessionError(code, message));
      };
      tag.onload = () => {
        const loaded = registry[key];
        if (loaded) resolve(loaded);
        else fail(ErrorCode.INTERNAL_ERROR, `${what} did not register (${file})`);
      };
      tag.onerror = () =>
        fail(ErrorCode.NETWORK_ERROR, `${what} could not be loaded (${file}), or failed its integrity check`);
      document.head.append(tag);
    }));
}
