/** Where the script-tag build's tooltip file registers itself on `window`. */
export const TOOLTIP_GLOBAL = '__cards_session_tooltip__';
