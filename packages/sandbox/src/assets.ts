import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cspHash } from './security-headers';

/** One built file the gateway serves, with its Subresource Integrity hash. */
interface AssetEntry {
  file: string;
  integrity: string;
  contentType: string;
}

/** `manifest.json`, written by the build next to the assets. */
export interface AssetManifest {
  version: string;
  assets: Record<string, AssetEntry>;
}

/** The built SDK and frame files, loaded once at start. */
export interface Assets {
  manifest: AssetManifest;
  /** Bytes of each asset by name. */
  files: Map<string, Buffer>;
  /** The frame document template, and the CSP hash of its one `<style>` element. */
  frameTemplate: string;
  frameStyleHash: string;
}

/** Loads the assets from `dir`, or fails with what to run to make them. */
export function loadAssets(dir: string): Assets {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`Cards Session assets not found: ${manifestPath} is missing. Run \`npm run build\` first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as AssetManifest;
  const files = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(manifest.assets)) files.set(name, readFileSync(join(dir, entry.file)));
  const template = files.get('frame.html')?.toString('utf8');
  const style = template && /<style>([\s\S]*?)<\/style>/.exec(template)?.[1];
  if (!template || style === undefined)
    throw new Error(`${manifestPath}: frame.html with one <style> element expected`);
  return {
    manifest,
    files,
    frameTemplate: template,
    frameStyleHash: cspHash(style),
  };
}
