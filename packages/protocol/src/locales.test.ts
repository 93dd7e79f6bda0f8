import { describe, expect, it } from 'vitest';
import { resolveLocale } from './locales';

describe('resolveLocale', () => {
  it.each([
    ['en', 'en'],
    ['id', 'id'],
    ['id-ID', 'id'],
    ['ID', 'id'],
    ['id_ID', 'id'],
    ['en-GB', 'en'],
  ])('resolves %s to %s', (requested, expected) => {
    expect(resolveLocale(requested)).toBe(expected);
  });

  it.each(['fr', 'de-DE', 'ind', '', '-id', 'toString'])('falls back to en for %j', (requested) => {
    expect(resolveLocale(requested)).toBe('en');
  });

  it.each([undefined, null, 42, ['id']])('falls back to en for the non-string %o', (requested) => {
    expect(resolveLocale(requested)).toBe('en');
  });
});
