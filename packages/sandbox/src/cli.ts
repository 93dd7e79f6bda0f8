#!/usr/bin/env node
import { USAGE, UsageError, parseCli, type CliRequest } from './cli-options';
import { startSandbox } from './server';

function fail(message: string): never {
  process.stderr.write(`cards-session-sandbox: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let request: CliRequest;
try {
  request = parseCli(process.argv.slice(2), process.env);
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  fail(err.message);
}
if (request.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const { options, quiet } = request;
try {
  const sandbox = await startSandbox({
    ...options,
    log: quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`Cards Session sandbox gateway listening on ${sandbox.origin}\n`);
  if (options.webhooks?.url) process.stdout.write(`Webhooks go to ${options.webhooks.url}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  const error = err as NodeJS.ErrnoException;
  const hint =
    error.code === 'EADDRINUSE' ? `: port ${options.port} is taken (another sandbox?); choose one with --port` : '';
  process.stderr.write(`cards-session-sandbox: ${error.message}${hint}\n`);
  process.exit(1);
}
