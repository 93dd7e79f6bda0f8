/**
 * The most JSON text, in UTF-16 code units, an inbound message may take. The largest real
 * message (a submit reply carrying a result token) is a few KB.
 */
export const MAX_MESSAGE_SIZE = 16 * 1024;
/** How deeply an inbound message may nest objects and arrays; the deepest real one nests 4. */
export const MAX_MESSAGE_DEPTH = 8;

/**
 * The length of `value`'s JSON text if it is plain data that fits in `budget` characters and
 * nests at most {@link MAX_MESSAGE_DEPTH} levels below `depth`, else -1. Plain data: `null`,
 * booleans, numbers, strings, arrays, and objects with `Object.prototype` or no prototype holding
 * enumerable data properties only. Stops as soon as the budget runs out; runs no getter and no
 * `toJSON`. May throw (a proxy's trap): {@link fitsMessageLimits} is the safe way to ask.
 */
export function jsonSize(value: unknown, budget: number, depth: number): number {
  let size: number;
  switch (typeof value) {
    case 'string':
      // Checked before escaping, so a huge string is refused without being copied.
      size = value.length + 2 > budget ? Infinity : JSON.stringify(value).length;
      break;
    case 'number':
      size = Number.isFinite(value) ? String(value).length : 4;
      break;
    case 'boolean':
      size = value ? 4 : 5;
      break;
    case 'object':
      size = value === null ? 4 : containerSize(value, budget, depth + 1);
      break;
    default:
      // undefined (as a whole message or an array item), bigint, symbol, function.
      return -1;
  }
  return size >= 0 && size <= budget ? size : -1;
}

function containerSize(value: object, budget: number, depth: number): number {
  if (depth > MAX_MESSAGE_DEPTH) return -1;
  if (Array.isArray(value)) {
    const { length } = value;
    let size = 2 + Math.max(0, length - 1);
    for (let i = 0; i < length && size <= budget; i++) {
      const descriptor = Object.getOwnPropertyDescriptor(value, i);
      if (descriptor && !('value' in descriptor)) return -1; // an accessor
      const item: unknown = descriptor?.value;
      const n = jsonSize(item === undefined ? null : item, budget - size, depth);
      if (n < 0) return -1;
      size += n;
    }
    return size;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return -1;
  let size = 1;
  // Every own key, not only enumerable ones: the field checks must never meet a hidden getter.
  for (const key of Object.getOwnPropertyNames(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor?.enumerable || !('value' in descriptor)) return -1;
    const item: unknown = descriptor.value;
    if (item === undefined) continue; // JSON leaves it out
    if (key.length + 4 > budget - size) return -1; // before escaping a huge key
    size += JSON.stringify(key).length + 2; // "key": and the comma or closing brace
    const n = jsonSize(item, budget - size, depth);
    if (n < 0) return -1;
    size += n;
  }
  return Math.max(size, 2);
}

/**
 * Whether `value` is plain data whose JSON text is at most {@link MAX_MESSAGE_SIZE} characters,
 * nested at most {@link MAX_MESSAGE_DEPTH} levels: what `parse` checks first,
 * before any field is looked at. Never throws: accessor properties (never called), cycles,
 * BigInts, functions, class instances, and proxies whose traps throw are all refused.
 */
export function fitsMessageLimits(value: unknown): boolean {
  try {
    return jsonSize(value, MAX_MESSAGE_SIZE, 0) >= 0;
  } catch {
    return false;
  }
}
