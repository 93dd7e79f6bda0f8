import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@playwright/test';
import type { Shopper } from './shopper';

// Screenshots to be looked at: attached to the test and written to
// node_modules/.cache/e2e-screens/<project>-<name>.png.

const SCREENS = join(import.meta.dirname, '../../node_modules/.cache/e2e-screens');

/** Attaches a PNG to the running test and keeps it as `<project>-<name>.png`. */
export async function keepScreenshot(body: Buffer, name: string): Promise<void> {
  const info = test.info();
  await info.attach(name, { body, contentType: 'image/png' });
  mkdirSync(SCREENS, { recursive: true });
  writeFileSync(join(SCREENS, `${info.project.name}-${name}.png`), body);
}

/** Attaches a screenshot of the shopper's window and keeps it. */
export async function snap(shopper: Shopper, name: string): Promise<void> {
  await keepScreenshot(await shopper.screenshot(), name);
}
