import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';

const owned = new Set<ChildProcess>();
// A worker that dies without running its fixtures' teardown must not leave browsers behind.
process.once('exit', () => {
  for (const child of owned) child.kill('SIGKILL');
});

/** Starts a helper process that dies with this one. */
export function start(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, options);
  owned.add(child);
  child.once('exit', () => owned.delete(child));
  return child;
}

/** Ends a helper started by {@link start}, and waits until it is gone. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Resolves with the first match of `pattern` in the stream, or rejects when the process exits first. */
export function readUntil(child: ChildProcess, stream: NodeJS.ReadableStream, pattern: RegExp, timeout = 20_000) {
  return new Promise<RegExpMatchArray>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeout} ms: ${text}`)), timeout);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = text.match(pattern);
      if (!match) return;
      clearTimeout(timer);
      stream.off('data', onData);
      // Keep draining, so a chatty process never blocks on a full pipe.
      stream.resume();
      resolve(match);
    };
    stream.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing ${pattern}: ${text}`)));
  });
}

/**
 * An X server of its own for one worker (`Xvfb -displayfd`, so no display number is guessed);
 * WebKitGTK needs a display, and without one its WebDriver session hangs silently.
 */
export async function startXvfb(width: number, height: number): Promise<{ display: string; server: ChildProcess }> {
  const server = start('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const fd3 = server.stdio[3] as NodeJS.ReadableStream;
  const [, display] = await readUntil(server, fd3, /^(\d+)\n/);
  return { display: `:${display}`, server };
}
