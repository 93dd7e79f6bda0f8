import { brandLabel, money } from './format';

/** The card brand badge: VISA, MASTERCARD, AMEX, CARD. */
export function BrandBadge({ brand }: { brand: string }) {
  return <span className={`card-brand card-brand--${brand}`}>{brandLabel(brand)}</span>;
}

/** What an order contains, line by line, with its total. */
export function OrderSummary({
  items,
  amount,
  currency,
  reference,
}: {
  items: { name: string; quantity: number; amount: number }[];
  amount: number;
  currency: string;
  reference?: string;
}) {
  return (
    <section className="summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Order summary</h2>
      <ul className="items">
        {items.map((item) => (
          <li key={item.name}>
            <span>
              {item.name} × {item.quantity}
            </span>
            <span>{money(item.amount, currency)}</span>
          </li>
        ))}
      </ul>
      <p className="total">
        <span>Total</span>
        <strong>{money(amount, currency)}</strong>
      </p>
      {reference && <p className="reference">Order {reference}</p>}
    </section>
  );
}
