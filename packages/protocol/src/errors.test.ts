import { describe, expect, it } from 'vitest';
import { ErrorCode, errorType, isErrorCode, type ErrorType } from './errors';

const TYPES: readonly ErrorType[] = ['merchant', 'customer', 'network', 'gateway', 'internal'];

describe('error codes', () => {
  it.each(Object.values(ErrorCode))('%s has a type', (code) => {
    expect(TYPES).toContain(errorType(code));
  });

  it('names every code after itself', () => {
    for (const [key, code] of Object.entries(ErrorCode)) expect(code).toBe(key);
  });

  it('types the codes a merchant switches on', () => {
    expect(errorType(ErrorCode.INVALID_OPTIONS)).toBe('merchant');
    expect(errorType(ErrorCode.INVALID_CVN)).toBe('customer');
    expect(errorType(ErrorCode.TOO_MANY_PAYMENT_REQUESTS)).toBe('customer');
    expect(errorType(ErrorCode.FRAME_LOAD_TIMEOUT)).toBe('network');
    expect(errorType(ErrorCode.UNSAFE_ACTION_URL)).toBe('gateway');
    expect(errorType(ErrorCode.INTERNAL_ERROR)).toBe('internal');
  });

  it('recognizes codes and nothing else', () => {
    expect(isErrorCode('INVALID_CVN')).toBe(true);
    for (const value of ['invalid_cvn', 'toString', '__proto__', '', null, 1, {}])
      expect(isErrorCode(value)).toBe(false);
  });
});
