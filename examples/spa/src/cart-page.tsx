import bag from './coffee-bag.svg';
import { money } from './format';
import { usePage } from './page';
import { Link } from './router';

// The shop's server puts this basket in every order it creates (examples/checkout/src/shop.ts).
const ITEM = {
  name: 'Gayo Arabica, 250 g',
  origin: 'Single origin, Gayo highlands, Aceh · washed process · medium roast',
  notes: 'Dark chocolate, brown sugar and a bright citrus finish.',
  quantity: 2,
  amount: 150000,
};
const CURRENCY = 'IDR';

/** The first page: the cart, and the way to the checkout. */
export function CartPage() {
  const heading = usePage('Your cart');
  return (
    <main className="cart">
      <section className="cart-panel" aria-labelledby="cart-title">
        <h1 id="cart-title" ref={heading} tabIndex={-1}>
          Your cart
        </h1>
        <ul className="cart-items">
          <li className="cart-item">
            <img className="cart-item-image" src={bag} alt="" width="96" height="96" />
            <div className="cart-item-text">
              <h2>{ITEM.name}</h2>
              <p className="cart-item-origin">{ITEM.origin}</p>
              <p>{ITEM.notes}</p>
              <p>Quantity: {ITEM.quantity}</p>
            </div>
            <p className="cart-item-price">{money(ITEM.amount, CURRENCY)}</p>
          </li>
        </ul>
        <p className="total">
          <span>Total</span>
          <strong>{money(ITEM.amount, CURRENCY)}</strong>
        </p>
        <Link to="/checkout" className="button">
          Proceed to checkout
        </Link>
      </section>
    </main>
  );
}
