import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { waitUntil } from './test-helpers';

// The real CLI as a child process, for the tests that SIGKILL it and start it again on its data.

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A port that was free a moment ago: fixed across restarts, so the token issuer stays the same. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A CLI gateway run by a test, with everything it printed. */
export interface CliGateway {
  proc: ChildProcess;
  output: () => string;
}

/** Runs the CLI with `args` on `port`; resolves once it answers. */
export async function launchCli(port: number, args: string[]): Promise<CliGateway> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', String(port), '--quiet', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntil(
    async () => {
      if (proc.exitCode !== null) throw new Error(`sandbox CLI exited ${proc.exitCode}: ${output}`);
      return fetch(`http://localhost:${port}/openapi.json`).then(
        (res) => res.status === 200,
        () => false,
      );
    },
    'the sandbox CLI to answer',
    20_000,
  );
  return { proc, output: () => output };
}

/** SIGKILLs a CLI (no clean shutdown) and waits for it to be gone. */
export async function killCli(proc: ChildProcess | null | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await gone;
}
