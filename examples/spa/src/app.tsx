import { Component, type ReactNode } from 'react';
import { CartPage } from './cart-page';
import { CheckoutPage } from './checkout-page';
import { OrderPage } from './order-page';
import { usePage } from './page';
import { Link, useRoute } from './router';

function NotFound() {
  const heading = usePage('Page not found');
  return (
    <main className="result failed">
      <h1 ref={heading} tabIndex={-1}>
        Page not found
      </h1>
      <p>
        <Link to="/">Back to the shop</Link>
      </p>
    </main>
  );
}

/** Shows what broke instead of a blank page: an error no component handled, with its code. */
class Crash extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const code = (error as { code?: string }).code;
    return (
      <main className="result failed">
        <h1>Something went wrong</h1>
        <p role="alert" data-code={code}>
          {error.message}
        </p>
        <p>
          <a href={import.meta.env.BASE_URL}>Back to the shop</a>
        </p>
      </main>
    );
  }
}

function Page() {
  const { path } = useRoute();
  if (path === '/') return <CartPage />;
  if (path === '/checkout') return <CheckoutPage />;
  const order = /^\/orders\/([\w-]+)$/.exec(path)?.[1];
  if (order) return <OrderPage key={order} reference={order} />;
  return <NotFound />;
}

/** The shop: header, the page the route names, footer. */
export function App() {
  const { path } = useRoute();
  return (
    <>
      <header className="shop-header">
        <Link to="/" className="brand">
          Kopi Nusantara
        </Link>
        <span className="secure-badge">Secure checkout</span>
      </header>
      <Crash key={path}>
        <Page />
      </Crash>
      <footer className="shop-footer">
        <p>A demo shop on the Cards Session sandbox: no real card is charged.</p>
      </footer>
    </>
  );
}
