const values = new WeakMap<SecretCvn, string>();

/**
 * The CVN as the frame carries it between the input and the API call: an opaque object, not a
 * string, so it cannot be put into a message payload, logged or serialized by accident
 * (`toJSON` and `toString` redact). Only `reveal()` — used by the API call alone — gives the digits.
 */
export class SecretCvn {
  constructor(value: string) {
    values.set(this, value);
  }

  /** The digits, for the request body of the payment call and nothing else. */
  reveal(): string {
    return values.get(this) ?? '';
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }
}
