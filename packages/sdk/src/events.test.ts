import { afterEach, describe, expect, it, vi } from 'vitest';
import { Emitter } from './events';

interface Events {
  change: { n: number };
  blur: Record<string, never>;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Emitter', () => {
  it('calls the handlers of an event in order, with the payload', () => {
    const events = new Emitter<Events>();
    const calls: string[] = [];
    events.on('change', (p) => calls.push(`a${p.n}`));
    events.on('change', (p) => calls.push(`b${p.n}`));
    events.on('blur', () => calls.push('blur'));
    events.emit('change', { n: 1 });
    expect(calls).toEqual(['a1', 'b1']);
  });

  it('returns an unsubscribe that removes only its handler', () => {
    const events = new Emitter<Events>();
    const a = vi.fn();
    const b = vi.fn();
    const offA = events.on('change', a);
    events.on('change', b);
    offA();
    offA();
    events.emit('change', { n: 2 });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledExactlyOnceWith({ n: 2 });
  });

  it('lets a handler unsubscribe another during an emit without skipping the rest', () => {
    const events = new Emitter<Events>();
    const b = vi.fn();
    const c = vi.fn();
    let offB = (): void => undefined;
    events.on('change', () => offB());
    offB = events.on('change', b);
    events.on('change', c);
    events.emit('change', { n: 3 });
    events.emit('change', { n: 4 });
    expect(b).toHaveBeenCalledExactlyOnceWith({ n: 3 });
    expect(c).toHaveBeenCalledTimes(2);
  });

  it('does not let a throwing handler stop the others, and rethrows its error later', () => {
    const deferred: (() => void)[] = [];
    vi.stubGlobal('queueMicrotask', (task: () => void) => deferred.push(task));
    const events = new Emitter<Events>();
    const boom = new Error('merchant bug');
    const after = vi.fn();
    events.on('change', () => {
      throw boom;
    });
    events.on('change', after);
    expect(() => events.emit('change', { n: 5 })).not.toThrow();
    expect(after).toHaveBeenCalledExactlyOnceWith({ n: 5 });
    expect(deferred).toHaveLength(1);
    expect(() => deferred[0]?.()).toThrow(boom);
  });

  it('clear drops every handler', () => {
    const events = new Emitter<Events>();
    const a = vi.fn();
    events.on('change', a);
    events.on('blur', a);
    events.clear();
    events.emit('change', { n: 6 });
    events.emit('blur', {});
    expect(a).not.toHaveBeenCalled();
  });

  it('emits to nobody without failing', () => {
    expect(() => new Emitter<Events>().emit('blur', {})).not.toThrow();
  });
});
