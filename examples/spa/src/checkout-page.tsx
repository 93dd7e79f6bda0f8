import { useEffect, useRef, useState } from 'react';
import { CardsSessionProvider } from '@cards-session/react';
import { createOrder, testCards, type ApiError, type NewOrder, type TestCard } from './api';
import { CardPicker } from './card-picker';
import { OrderSummary } from './order-summary';
import { usePage } from './page';
import { PaymentForm } from './payment-form';
import { navigate, useRoute } from './router';

type Loaded<T> = { value: T; error?: undefined } | { value?: undefined; error: ApiError };

/** The sandbox's test cards, loaded once per visit of the page. */
function useTestCards(): Loaded<TestCard[]> | null {
  const [cards, setCards] = useState<Loaded<TestCard[]> | null>(null);
  useEffect(() => {
    let current = true;
    testCards().then(
      (value) => current && setCards({ value }),
      (error: ApiError) => current && setCards({ error }),
    );
    return () => {
      current = false;
    };
  }, []);
  return cards;
}

/**
 * The shopper's order (and payment session) for the saved card `card`: the open one on a reload,
 * a new one for another card, since a session is bound to one card. Null while it is on its way.
 */
function useNewOrder(card: string | undefined): Loaded<NewOrder> | null {
  const [order, setOrder] = useState<(Loaded<NewOrder> & { card: string }) | null>(null);
  // StrictMode runs the effect twice: the second run reuses the first one's request.
  const request = useRef<{ card: string; order: Promise<NewOrder> } | null>(null);
  useEffect(() => {
    if (!card) return;
    let current = true;
    if (request.current?.card !== card) request.current = { card, order: createOrder(card) };
    request.current.order.then(
      (value) => current && setOrder({ card, value }),
      (error: ApiError) => current && setOrder({ card, error }),
    );
    return () => {
      current = false;
    };
  }, [card]);
  return order?.card === card ? order : null;
}

/** The checkout: saved card, hosted CVN field and pay button, order summary. */
export function CheckoutPage() {
  const heading = usePage('Checkout');
  const { query } = useRoute();
  const cards = useTestCards();
  const card = query.get('card') ?? cards?.value?.[0]?.card_payment_token_id;
  const order = useNewOrder(card);
  const choose = (id: string) => navigate(`/checkout?card=${encodeURIComponent(id)}`, { replace: true });
  const problem = cards?.error ?? order?.error;
  // This cart was paid already, its answer lost on the way: show the order, never pay twice.
  const settled = order?.value?.settled ? order.value.reference : null;
  useEffect(() => {
    if (settled) navigate(`/orders/${settled}`, { replace: true });
  }, [settled]);

  return (
    <main className="checkout">
      <section className="payment" aria-labelledby="checkout-title">
        <h1 id="checkout-title" ref={heading} tabIndex={-1}>
          Checkout
        </h1>
        {cards?.value && <CardPicker cards={cards.value} selected={card} onSelect={choose} />}
        {problem ? (
          <p className="status error" role="alert" data-code={problem.code}>
            {problem.message}
          </p>
        ) : order?.value && !settled ? (
          <CardsSessionProvider
            paymentSessionId={order.value.payment_session_id}
            gatewayOrigin={order.value.gateway_origin}
          >
            <PaymentForm key={order.value.reference} order={order.value} />
          </CardsSessionProvider>
        ) : (
          <p className="loading" role="status">
            Preparing a secure payment…
          </p>
        )}
      </section>
      {order?.value && (
        <OrderSummary
          items={order.value.items}
          amount={order.value.amount}
          currency={order.value.currency}
          reference={order.value.reference}
        />
      )}
    </main>
  );
}
