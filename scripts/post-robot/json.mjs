// Replaces post-robot's serialize/index.js at build time (see scripts/rollup-post-robot.mjs).
// Our messages are plain JSON data (packages/protocol/src/schema.ts), so post-robot's
// cross-window functions, promises and windows (universal-serialize's special types) are dead
// weight and an attack surface: this build sends and accepts JSON and nothing else.

/** The `code` of every refusal, on both the sending and the receiving side. */
export const NON_JSON_MESSAGE = 'NON_JSON_MESSAGE';

const RESPONSE = 'postrobot_message_response';

function refuse(what, path) {
  const error = new TypeError(
    `cards-session messaging: refused ${what} at ${path}; only JSON data (objects, arrays, strings, finite numbers, booleans, null) crosses windows`,
  );
  error.code = NON_JSON_MESSAGE;
  return error;
}

function describe(value) {
  if (typeof value !== 'object') return `a ${typeof value}`;
  try {
    return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
  } catch {
    // A cross-origin window throws even here.
    return 'a window';
  }
}

// Throws unless `value` is JSON data that JSON.parse(JSON.stringify(value)) gives back unchanged:
// no functions, symbols, bigints, non-finite numbers, class instances (Date, Map, Error, windows,
// promises), cycles, or `undefined` in arrays. An object key holding `undefined` is left out, as
// JSON.stringify does: post-robot sends `data: undefined` for a handler that returned nothing.
function assertJson(value, path, parents) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (Number.isFinite(value)) return;
      throw refuse(`the number ${value}`, path);
    case 'object': {
      if (value === null) return;
      if (parents.includes(value)) throw refuse('a cycle', path);
      let proto;
      try {
        proto = Object.getPrototypeOf(value);
      } catch {
        proto = undefined;
      }
      if (proto !== Array.prototype && proto !== Object.prototype) throw refuse(describe(value), path);
      parents.push(value);
      if (proto === Array.prototype) {
        for (let i = 0; i < value.length; i++) {
          if (value[i] === undefined) throw refuse('undefined', `${path}[${i}]`);
          assertJson(value[i], `${path}[${i}]`, parents);
        }
      } else {
        for (const key of Object.keys(value)) {
          if (value[key] !== undefined) assertJson(value[key], `${path}.${key}`, parents);
        }
      }
      parents.pop();
      return;
    }
    default:
      throw refuse(describe(value), path);
  }
}

// post-robot answers a failed request with the error its handler threw (an Error, such as its own
// "No handler found"): only that error's message crosses, as a string, and becomes an Error again.
function errorsToMessages(packed) {
  const out = {};
  for (const key of Object.keys(packed)) {
    const messages = packed[key];
    out[key] = Array.isArray(messages)
      ? messages.map((m) =>
          m && m.type === RESPONSE && m.error instanceof Error ? { ...m, error: String(m.error.message) } : m,
        )
      : messages;
  }
  return out;
}

/**
 * post-robot's `serializeMessage`: the packed messages as a JSON string. Throws a TypeError with
 * `code` `NON_JSON_MESSAGE` naming the first value that is not JSON data.
 */
export function serializeMessage(_destination, _domain, obj) {
  const packed = obj !== null && typeof obj === 'object' ? errorsToMessages(obj) : obj;
  assertJson(packed, 'message', []);
  return JSON.stringify(packed);
}

// universal-serialize's marker for a special type (function, promise, window, error, date, regex…).
const TYPE_MARKER = '__type__';

/**
 * post-robot's `deserializeMessage`: parses the JSON string; throws (and post-robot then drops the
 * message) when it is not a string of JSON or carries one of universal-serialize's special types.
 */
export function deserializeMessage(_source, _origin, message) {
  if (typeof message !== 'string') throw refuse(describe(message), 'message');
  const parsed = JSON.parse(message, function (key, value) {
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.prototype.hasOwnProperty.call(value, TYPE_MARKER)
    ) {
      throw refuse(`a serialized ${String(value[TYPE_MARKER])}`, key || 'message');
    }
    return value;
  });
  if (parsed !== null && typeof parsed === 'object') {
    for (const messages of Object.values(parsed)) {
      if (!Array.isArray(messages)) continue;
      for (const m of messages) {
        if (m && m.type === RESPONSE && typeof m.error === 'string') m.error = new Error(m.error);
      }
    }
  }
  return parsed;
}
