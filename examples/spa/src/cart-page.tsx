import { BASKET, BASKET_TOTAL, CURRENCY, PRODUCT } from '../../checkout/src/catalog';
import bag from './coffee-bag.svg';
import { money } from './format';
import { usePage } from './page';
import { Link } from './router';

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
          {BASKET.map((item) => (
            <li className="cart-item" key={item.name}>
              <img className="cart-item-image" src={bag} alt="" width="96" height="96" />
              <div className="cart-item-text">
                <h2>{item.name}</h2>
                <p className="cart-item-origin">{PRODUCT.origin}</p>
                <p>{PRODUCT.notes}</p>
                <p>Quantity: {item.quantity}</p>
              </div>
              <p className="cart-item-price">{money(item.amount, CURRENCY)}</p>
            </li>
          ))}
        </ul>
        <p className="total">
          <span>Total</span>
          <strong>{money(BASKET_TOTAL, CURRENCY)}</strong>
        </p>
        <Link to="/checkout" className="button">
          Proceed to checkout
        </Link>
      </section>
    </main>
  );
}
