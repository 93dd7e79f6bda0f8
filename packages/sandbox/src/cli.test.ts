import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeAssetsDir, waitUntil } from './test-helpers';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs the real CLI; resolves with its exit code and output once it exits, or when `until` holds. */
function run(
  args: string[],
  until?: (stdout: string) => boolean,
): Promise<{ code: number | null; stdout: string; stderr: string; kill: () => void }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve) => {
    const done = (code: number | null) => resolve({ code, stdout, stderr, kill: () => proc.kill('SIGKILL') });
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until?.(stdout)) done(null);
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('exit', (code) => done(code));
  });
}

describe('cards-session-sandbox', { timeout: 30_000 }, () => {
  it('exits 2 with "expected X, received Y" and the usage for a bad limit', async () => {
    const { code, stdout, stderr } = await run(['--max-requests-per-socket', 'lots']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^cards-session-sandbox: --max-requests-per-socket: expected an integer from 1 to 1000000, received "lots"\n\nUsage:/,
    );
  });

  it('starts with a limit from its flag, and applies it', async () => {
    const assetsDir = makeAssetsDir();
    const started = await run(
      ['--port', '0', '--assets-dir', assetsDir, '--quiet', '--idle-socket-timeout-ms', '150'],
      (out) => /listening on http:\/\/localhost:\d+\n/.test(out),
    );
    try {
      const port = Number(/localhost:(\d+)/.exec(started.stdout)?.[1]);
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      const opened = Date.now();
      let closedAfter = 0;
      socket.on('close', () => (closedAfter = Date.now() - opened));
      await waitUntil(() => closedAfter > 0, 'the idle socket to be closed', 5000);
      expect(closedAfter).toBeGreaterThanOrEqual(140);
      expect(closedAfter).toBeLessThan(2000);
    } finally {
      started.kill();
    }
  });
});
