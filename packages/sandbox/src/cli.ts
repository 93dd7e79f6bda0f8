#!/usr/bin/env node
import { USAGE, UsageError, parseCli, type CliRequest } from './cli-options';
import { runForms } from './forms-cli';
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

if (request.command === 'forms') {
  const { code, preview } = await runForms(request.forms, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
  if (!preview) process.exit(code);
  const stop = () => void preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  await serve(request);
}

/** Starts the sandbox gateway the command line describes. */
async function serve({ options, quiet }: Extract<CliRequest, { command: 'serve' }>): Promise<void> {
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
}
