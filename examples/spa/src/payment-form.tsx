import { useState, type FormEvent } from 'react';
import { CvnField, useCardsSession } from '@cards-session/react';
import type { FieldStyle } from 'cards-session';
import type { NewOrder } from './api';
import { reportResult } from './api';
import { brandLabel, money } from './format';
import { Link, navigate } from './router';

/** What the status line says: progress, or an error with its code. */
interface Status {
  text: string;
  code?: string;
}

const FIELD_STYLE: FieldStyle = {
  base: { color: '#1f2937', fontSize: '16px', letterSpacing: '0.15em' },
  placeholder: { color: '#6b7280' },
  invalid: { color: '#b91c1c' },
};

const codeOf = (err: unknown) => (err as { code?: unknown }).code;

/** The payment form of one order: the hosted CVN field, the pay button, the outcome. */
export function PaymentForm({ order }: { order: NewOrder }) {
  const session = useCardsSession();
  const [ready, setReady] = useState(false);
  const [complete, setComplete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const total = money(order.amount, order.currency);
  const digits = order.card.brand === 'amex' ? '4-digit code on the front' : '3-digit code on the back';

  const fail = (err: unknown) => {
    const code = codeOf(err);
    setStatus({
      text: err instanceof Error ? err.message : String(err),
      code: typeof code === 'string' ? code : 'UNKNOWN',
    });
  };

  async function pay(event: FormEvent) {
    event.preventDefault();
    if (!complete || busy) return;
    setBusy(true);
    setStatus({ text: 'Processing payment…' });
    try {
      const result = await session.submit();
      await reportResult(order.reference, result.result_token);
      setStatus({ text: 'Verifying with your bank…' });
      const outcome = await session.authenticate(result, { mode: 'modal' });
      // The order page shows what the gateway's webhooks say, not what this page was told.
      if (outcome.status === 'SUCCEEDED') return navigate(`/orders/${order.reference}`);
      if (outcome.status === 'FAILED')
        setStatus({ text: 'Your bank did not confirm the payment. You can try again.', code: 'AUTHENTICATION_FAILED' });
      else setStatus({ text: 'Verification canceled. You can try again.', code: 'AUTHENTICATION_CANCELED' });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="payment-form"
      noValidate
      onSubmit={pay}
      aria-label="Payment"
      data-ready={ready}
      data-order-reference={order.reference}
    >
      <label className="field-label" htmlFor="cvn">
        Security code
      </label>
      <p className="field-hint">
        The {digits} of your {brandLabel(order.card.brand)} card ending in {order.card.last4}.
      </p>
      <CvnField
        id="cvn"
        className="cvn-input"
        help
        style={FIELD_STYLE}
        onReady={() => setReady(true)}
        onChange={(state) => setComplete(state.complete)}
        onError={fail}
      />
      <button type="submit" className="pay" disabled={!complete || busy}>
        Pay {total}
      </button>
      <p className={status?.code ? 'status error' : 'status'} id="status" role="status" data-code={status?.code}>
        {status?.text}
      </p>
      {status?.code && (
        <p className="order-link">
          <Link to={`/orders/${order.reference}`}>See order {order.reference}</Link>
        </p>
      )}
      <p className="secure-note">
        Your security code is typed into a secure field hosted by our payment provider; Kopi Nusantara never sees it.
      </p>
    </form>
  );
}
