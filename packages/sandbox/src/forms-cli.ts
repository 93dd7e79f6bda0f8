import { describeVersion, GatewayCallError, problemLine, pushForm, type GatewayAccess } from './forms-client';
import { startPreview, type Preview } from './forms-preview';
import { FormFolderError, zipFormFolder } from './forms-zip';

/** `cards-session-sandbox forms …`: what to do, with which gateway and key. */
export type FormsCommand = GatewayAccess &
  ({ action: 'push'; dir: string; name: string } | { action: 'preview'; name: string; port: number });

/** The exit codes of `forms` commands. */
export const FORMS_EXIT = {
  ok: 0,
  /** The gateway answered with a refusal: `INVALID_FORM` and its problems, a bad key, an unknown form. */
  refused: 1,
  /** A bad command line (`INVALID_FORM_NAME`, …), or a preview port already taken (`PORT_IN_USE`). */
  usage: 2,
  /** The folder cannot be a form: missing, no form.html, a symbolic link, far too large. */
  folder: 3,
  /** No gateway answered at `--gateway`. */
  unreachable: 4,
} as const;

/** Where a command writes: standard output and standard error, one line or block per call. */
export interface FormsOutput {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Runs a `forms` command. Resolves its exit code; for `preview`, once the preview listens (with
 * the running preview, which the caller stops). Every failure is printed as
 * `cards-session-sandbox: CODE: message`, a refused form's problems one per line as `file:line: reason`.
 */
export async function runForms(command: FormsCommand, io: FormsOutput): Promise<{ code: number; preview?: Preview }> {
  const fail = (code: string, message: string) => io.err(`cards-session-sandbox: ${code}: ${message}`);
  try {
    if (command.action === 'push') {
      const zip = zipFormFolder(command.dir);
      const version = await pushForm(command, command.name, zip);
      io.out(describeVersion(version, command.gateway));
      return { code: FORMS_EXIT.ok };
    }
    const preview = await startPreview(command);
    io.out(
      `Preview of the form "${command.name}" at ${preview.url}\n` +
        `Each load creates a test session on ${command.gateway}; push again and reload. Ctrl-C stops.`,
    );
    return { code: FORMS_EXIT.ok, preview };
  } catch (err) {
    if (err instanceof FormFolderError) {
      fail(err.code, err.message);
      return { code: FORMS_EXIT.folder };
    }
    if (command.action === 'preview' && (err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail('PORT_IN_USE', `--port ${command.port}: taken by another program; choose another, or 0 for any free one`);
      return { code: FORMS_EXIT.usage };
    }
    if (!(err instanceof GatewayCallError)) throw err;
    fail(err.code, err.message);
    for (const problem of err.problems) io.err(problemLine(problem));
    return { code: err.code === 'GATEWAY_UNREACHABLE' ? FORMS_EXIT.unreachable : FORMS_EXIT.refused };
  }
}
