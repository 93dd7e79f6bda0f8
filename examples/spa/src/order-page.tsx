import { useEffect, useState } from 'react';
import { getOrder, type ApiError, type Order, type OrderStatus } from './api';
import { STATUS_TEXT } from './format';
import { BrandBadge, OrderSummary } from './order-summary';
import { usePage } from './page';
import { Link } from './router';

const FINAL: readonly OrderStatus[] = ['PAID', 'FAILED', 'EXPIRED'];
const POLL_MS = 1000;

/** The order as the shop's server knows it, polled until the gateway's webhooks settle it. */
function useOrder(reference: string): { order: Order | null; error: ApiError | null } {
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await getOrder(reference);
        if (stopped) return;
        setOrder(next);
        setError(null);
        if (FINAL.includes(next.status)) return;
      } catch (err) {
        if (stopped) return;
        setError(err as ApiError);
        if ((err as ApiError).status === 404) return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reference]);
  return { order, error };
}

/** One order: its status (live), what happened to it, what it contains. */
export function OrderPage({ reference }: { reference: string }) {
  const heading = usePage(`Order ${reference}`);
  const { order, error } = useOrder(reference);
  const missing = error?.status === 404;

  return (
    <main className="order">
      <section className="order-status-panel" aria-labelledby="order-title">
        <h1 id="order-title" ref={heading} tabIndex={-1}>
          Order {reference}
        </h1>
        <p className="order-status-line">
          Status:{' '}
          <strong id="order-status" className="status-badge" data-status={order?.status} role="status">
            {missing ? 'Not found' : order ? STATUS_TEXT[order.status] : 'Loading…'}
          </strong>
        </p>
        {error && !missing && (
          <p className="notice" data-code={error.code}>
            {error.message} The page keeps trying.
          </p>
        )}
        {missing && <p className="notice">This shop has no order {reference}.</p>}
        {order?.status === 'FAILED' && (
          <p className="notice">The payment failed{order.failure_code ? ` (${order.failure_code})` : ''}.</p>
        )}
        {order && (
          <>
            <p className="order-card">
              <BrandBadge brand={order.card.brand} /> card ending in {order.card.last4}
            </p>
            <h2>History</h2>
            <ol id="order-events" className="timeline">
              {order.events.map((e) => (
                <li key={`${e.at} ${e.type}`}>
                  <time dateTime={e.at}>{e.at.slice(11, 19)}</time> <span className="event-source">{e.source}</span>{' '}
                  {e.detail}
                </li>
              ))}
            </ol>
          </>
        )}
        <p className="order-actions">
          {order && order.status !== 'PAID' && (
            <Link to={`/checkout?card=${encodeURIComponent(order.card.id)}`}>Try again with this card</Link>
          )}
          <Link to="/">Back to the shop</Link>
        </p>
      </section>
      {order && (
        <OrderSummary items={order.items} amount={order.amount} currency={order.currency} reference={order.reference} />
      )}
    </main>
  );
}
