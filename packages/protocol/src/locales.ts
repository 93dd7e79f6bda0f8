/** Locales the frame and SDK are translated into. */
export const LOCALES = ['en', 'id'] as const;

/** A locale from {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** The locale to use for a requested one: an exact or language match, else `en`. */
export function resolveLocale(requested: unknown): Locale {
  if (typeof requested !== 'string') return 'en';
  const language = requested.toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : 'en';
}
