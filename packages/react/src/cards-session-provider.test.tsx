import { StrictMode, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Sdk from 'cards-session';
import { CardsSessionError, type CardsSession } from 'cards-session';
import { sessions } from './cards-session.fake';
import { Boundary, render } from './act-render';
import { CardsSessionProvider, useCardsSession } from './cards-session-provider';
import { CvnField } from './cvn-field';

vi.mock('cards-session', async (importOriginal) => ({
  ...(await importOriginal<typeof Sdk>()),
  init: (await import('./cards-session.fake')).init,
}));

afterEach(() => {
  sessions.length = 0;
});

/** Records the session each render sees. */
function Probe({ seen }: { seen: CardsSession[] }) {
  seen.push(useCardsSession());
  return null;
}

const provider = (id: string, children: ReactNode, locale?: string) => (
  <CardsSessionProvider paymentSessionId={id} gatewayOrigin="https://gateway.example" locale={locale}>
    {children}
  </CardsSessionProvider>
);

describe('CardsSessionProvider', () => {
  it('calls init with its props and gives the session to the components below', () => {
    const seen: CardsSession[] = [];
    const view = render(provider('ps-1', <Probe seen={seen} />, 'id'));
    expect(sessions.map((s) => s.options)).toEqual([
      { paymentSessionId: 'ps-1', gatewayOrigin: 'https://gateway.example', locale: 'id' },
    ]);
    expect(seen.at(-1)).toBe(sessions[0]);
    view.unmount();
  });

  it('passes no option the merchant left out', () => {
    const view = render(<CardsSessionProvider paymentSessionId="ps-1" />);
    expect(sessions[0]?.options).toEqual({ paymentSessionId: 'ps-1' });
    view.unmount();
  });

  it('keeps its session across renders with the same props; a new session id starts a new one', () => {
    const seen: CardsSession[] = [];
    const view = render(provider('ps-1', <Probe seen={seen} />));
    view.rerender(provider('ps-1', <Probe seen={seen} />));
    expect(sessions).toHaveLength(1);
    expect(new Set(seen).size).toBe(1);

    view.rerender(provider('ps-2', <Probe seen={seen} />));
    expect(sessions.map((s) => s.options.paymentSessionId)).toEqual(['ps-1', 'ps-2']);
    expect(seen.at(-1)).toBe(sessions[1]);
    view.unmount();
  });

  it('renders on the server without touching the DOM or creating a field', () => {
    const html = renderToString(
      <StrictMode>{provider('ps-1', <CvnField id="cvn" className="cvn-input" placeholder="CVC" />)}</StrictMode>,
    );
    expect(html).toBe('<div id="cvn" class="cvn-input"></div>');
    expect(sessions.flatMap((s) => s.fields)).toEqual([]);
  });
});

describe('useCardsSession', () => {
  it('outside a provider throws a CardsSessionError with a code and the fix', () => {
    const caught: unknown[] = [];
    const view = render(
      <Boundary onCatch={(e) => caught.push(e)}>
        <Probe seen={[]} />
      </Boundary>,
      { onCaughtError: () => undefined },
    );
    expect(caught).toHaveLength(1);
    expect(caught[0]).toBeInstanceOf(CardsSessionError);
    expect(caught[0]).toMatchObject({
      code: 'INVALID_OPTIONS',
      type: 'merchant',
      message: expect.stringContaining('<CardsSessionProvider>'),
    });
    view.unmount();
  });
});
