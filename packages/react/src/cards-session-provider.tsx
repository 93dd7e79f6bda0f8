import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { CardsSessionError, ErrorCode, init, type CardsSession, type InitOptions } from 'cards-session';

const SessionContext = createContext<CardsSession | null>(null);

/** Props of {@link CardsSessionProvider}: the options of the SDK's `init`, and the children. */
export type CardsSessionProviderProps = InitOptions & {
  /** The part of the page that pays with this session: fields, the pay button. */
  children?: ReactNode;
};

/**
 * Starts Cards Session for one payment session and gives it to the components below. A new
 * `paymentSessionId` (or other option) starts a new session; fields below move to it.
 * Bad options throw the SDK's `INVALID_OPTIONS` error during render, for an error boundary.
 *
 * @example
 * <CardsSessionProvider paymentSessionId={order.payment_session_id}>
 *   <CvnField onChange={(s) => setComplete(s.complete)} />
 * </CardsSessionProvider>
 */
export function CardsSessionProvider({
  paymentSessionId,
  gatewayOrigin,
  locale,
  readyTimeout,
  children,
}: CardsSessionProviderProps) {
  // `init` only validates and stores options (no DOM, no network), so calling it during render is
  // safe on the server and harmless when StrictMode renders twice and drops one result.
  const session = useMemo(
    () =>
      init({
        paymentSessionId,
        ...(gatewayOrigin !== undefined && { gatewayOrigin }),
        ...(locale !== undefined && { locale }),
        ...(readyTimeout !== undefined && { readyTimeout }),
      }),
    [paymentSessionId, gatewayOrigin, locale, readyTimeout],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/**
 * The session of the nearest {@link CardsSessionProvider}: call `submit()` and
 * `authenticate()` on it. Throws a `CardsSessionError` (`INVALID_OPTIONS`) outside a provider.
 */
export function useCardsSession(): CardsSession {
  const session = useContext(SessionContext);
  if (!session) {
    throw new CardsSessionError(
      ErrorCode.INVALID_OPTIONS,
      'useCardsSession: expected a <CardsSessionProvider> above this component, received none',
    );
  }
  return session;
}
