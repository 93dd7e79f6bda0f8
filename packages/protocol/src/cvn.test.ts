import { describe, expect, it } from 'vitest';
import { CARD_BRANDS, checkCvn, cvnLengths, cvnPattern, filterCvnInput } from './cvn';

describe('CVN rules', () => {
  it('takes 4 digits for Amex, 3 for most brands, 3 or 4 when unknown', () => {
    expect(cvnLengths('amex')).toEqual([4]);
    expect(cvnLengths('visa')).toEqual([3]);
    expect(cvnLengths('unknown')).toEqual([3, 4]);
  });

  it('reports empty, complete and valid', () => {
    expect(checkCvn('', 'visa')).toEqual({ empty: true, complete: false, valid: false });
    expect(checkCvn('12', 'visa')).toEqual({ empty: false, complete: false, valid: false });
    expect(checkCvn('123', 'visa')).toEqual({ empty: false, complete: true, valid: true });
    expect(checkCvn('123', 'amex').valid).toBe(false);
    expect(checkCvn('12a', 'visa').valid).toBe(false);
  });

  it('gives a pattern the valid codes of every brand match, and nothing shorter or longer', () => {
    expect(cvnPattern()).toBe('^[0-9]{3,4}$');
    const pattern = new RegExp(cvnPattern());
    for (const brand of CARD_BRANDS) {
      for (const length of cvnLengths(brand)) expect(pattern.test('7'.repeat(length))).toBe(true);
    }
    for (const code of ['', '12', '12345', '12a', '１２３']) expect(pattern.test(code)).toBe(false);
  });

  it('filters typing and paste to the brand length', () => {
    expect(filterCvnInput(' 1-2 3 4', 'visa')).toBe('123');
    expect(filterCvnInput('１２３4567', 'amex')).toBe('1234');
  });
});
