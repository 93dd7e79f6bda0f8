import { describe, expect, it } from 'vitest';
import { MessageName } from './messages';
import { parseReply } from './schema';

const parseFocusReply = (data: unknown) => parseReply(MessageName.FocusInput, data);

describe('parseFocusReply', () => {
  it('returns a well-formed answer', () => {
    expect(parseFocusReply({ focused: true })).toEqual({ focused: true });
    expect(parseFocusReply({ focused: false })).toEqual({ focused: false });
  });

  it('refuses anything else: no answer, other types, extra keys', () => {
    for (const reply of [
      undefined,
      null,
      true,
      {},
      { focused: 'true' },
      { focused: 1 },
      { focused: true, cvn: '123' },
    ]) {
      expect(parseFocusReply(reply)).toBeNull();
    }
  });
});
