/** Where the script-tag build's tooltip file registers itself on `window`. */
export const TOOLTIP_GLOBAL = '__cards_session_tooltip__';
/** Where the script-tag build's 3-D Secure file registers itself on `window`. */
export const THREE_DS_GLOBAL = '__cards_session_3ds__';
