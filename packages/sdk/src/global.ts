import { ErrorCode } from '@cards-session/protocol';
import { CardsSessionError } from './errors';
import type { TooltipLoader } from './field-view';
import type { InitOptions } from './options';
import { initWithGateway } from './session';
import { TOOLTIP_GLOBAL } from './tooltip-global-key';
import { version } from './version';

// The script tag's default gateway is the origin it was served from, read while it runs.
const script = document.currentScript as HTMLScriptElement | null;
const scriptUrl = script?.src || `${location.origin}/`;

let tooltips: ReturnType<TooltipLoader> | undefined;
// The tooltip code is a separate file next to this one, fetched on the first tooltip and checked
// against the hash the build baked in here.
const loadTooltips: TooltipLoader = () =>
  (tooltips ??= new Promise((resolve, reject) => {
    const tag = document.createElement('script');
    tag.src = new URL('cards-session-tooltip.min.js', scriptUrl).href;
    tag.integrity = __TOOLTIP_INTEGRITY__;
    tag.crossOrigin = 'anonymous';
    tag.onload = () => {
      const loaded = (
        window as unknown as Record<string, ReturnType<TooltipLoader> extends Promise<infer M> ? M : never>
      )[TOOLTIP_GLOBAL];
      if (loaded) resolve(loaded);
      else reject(new CardsSessionError(ErrorCode.INTERNAL_ERROR, 'the tooltip script did not register'));
    };
    tag.onerror = () => {
      tooltips = undefined;
      reject(new CardsSessionError(ErrorCode.NETWORK_ERROR, 'the tooltip script could not be loaded'));
    };
    document.head.append(tag);
  }));

/** The script-tag build's global: `window.CardsSession`. */
const CardsSession = {
  init: (options: InitOptions) => initWithGateway(options, new URL(scriptUrl).origin, loadTooltips),
  CardsSessionError,
  ErrorCode,
  version,
};

(window as unknown as { CardsSession: typeof CardsSession }).CardsSession = CardsSession;
