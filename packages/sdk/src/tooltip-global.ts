import { createTooltip } from './tooltip';
import { TOOLTIP_GLOBAL } from './global-keys';

// Entry of cards-session-tooltip.min.js: loaded by the script-tag build on first use.
(window as unknown as Record<string, unknown>)[TOOLTIP_GLOBAL] = { createTooltip };
