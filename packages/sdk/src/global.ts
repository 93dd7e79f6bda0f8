import { CardsSessionError } from './errors';
import { initWithGateway } from './session';
import { ErrorCode } from '@cards-session/protocol';
import type { InitOptions } from './options';
import { version } from './version';

// The script tag's default gateway is the origin it was served from, read while it runs.
const script = document.currentScript as HTMLScriptElement | null;
const scriptOrigin = script?.src ? new URL(script.src).origin : location.origin;

/** The script-tag build's global: `window.CardsSession`. */
const CardsSession = {
  init: (options: InitOptions) => initWithGateway(options, scriptOrigin),
  CardsSessionError,
  ErrorCode,
  version,
};

(window as unknown as { CardsSession: typeof CardsSession }).CardsSession = CardsSession;
