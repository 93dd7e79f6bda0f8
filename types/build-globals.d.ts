/** Package version, injected by rollup (and by vitest for unit tests). */
declare const __VERSION__: string;
/** True in development builds; dead-code-eliminated from production bundles. */
declare const __DEV__: boolean;
/** SRI hash of cards-session-tooltip.min.js, baked into the script-tag loader by the build. */
declare const __TOOLTIP_INTEGRITY__: string;
/** SRI hash of cards-session-3ds.min.js, baked into the script-tag loader by the build. */
declare const __THREE_DS_INTEGRITY__: string;
