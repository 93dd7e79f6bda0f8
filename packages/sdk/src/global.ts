import { ErrorCode } from '@cards-session/protocol';
import { CardsSessionError } from './errors';
import { THREE_DS_GLOBAL, TOOLTIP_GLOBAL } from './global-keys';
import type { InitOptions } from './options';
import { initWithGateway, type LazyParts } from './session';
import { lazyScript } from './script-loader';
import { version } from './version';

// The script tag's default gateway is the origin it was served from, read while it runs.
const script = document.currentScript as HTMLScriptElement | null;
const scriptUrl = script?.src || `${location.origin}/`;

// Files next to this one, fetched on first use and checked against the hashes the build baked in.
const lazy: LazyParts = {
  tooltips: lazyScript(
    {
      file: 'cards-session-tooltip.min.js',
      integrity: __TOOLTIP_INTEGRITY__,
      key: TOOLTIP_GLOBAL,
      what: 'the tooltip code',
    },
    scriptUrl,
  ),
  threeDs: lazyScript(
    {
      file: 'cards-session-3ds.min.js',
      integrity: __THREE_DS_INTEGRITY__,
      key: THREE_DS_GLOBAL,
      what: 'the 3-D Secure code',
    },
    scriptUrl,
  ),
};

/** The script-tag build's global: `window.CardsSession`. */
const CardsSession = {
  init: (options: InitOptions) => initWithGateway(options, new URL(scriptUrl).origin, lazy),
  CardsSessionError,
  ErrorCode,
  version,
};

(window as unknown as { CardsSession: typeof CardsSession }).CardsSession = CardsSession;
