import type { FormProblem } from '@cards-session/protocol';

// What a refusal of a form lists: every problem found, each with its file and line.

export type { FormProblem };

/** The name problems about the archive itself carry as their `file`. */
export const ARCHIVE = '(zip)';

/** Caps on an uploaded form, checked on the bytes actually inflated, never on the headers' word. */
export const FORM_LIMITS = {
  /** Files in the archive (folders not counted). */
  files: 32,
  /** Uncompressed bytes of one file. */
  fileBytes: 256 * 1024,
  /** Uncompressed bytes of all files together. */
  totalBytes: 1024 * 1024,
  /** Bytes of the archive as uploaded. */
  archiveBytes: 1024 * 1024 + 64 * 1024,
} as const;
