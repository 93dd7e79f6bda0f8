// The shop's checkout script: everything a merchant writes to take a CVN with Cards Session.
const root = document.querySelector('[data-payment-session-id]');
const form = document.getElementById('payment-form');
const pay = document.getElementById('pay');
const status = document.getElementById('status');
const orderUrl = `/orders/${root.dataset.orderReference}`;

const say = (message, code) => {
  status.textContent = message;
  status.classList.toggle('error', Boolean(code));
  if (code) status.dataset.code = code;
  else delete status.dataset.code;
};

/** Tells the shop's server what `submit()` answered; the server verifies the signed token. */
async function reportResult(result) {
  const res = await fetch(`/api/orders/${root.dataset.orderReference}/result`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ result_token: result.result_token }),
  });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw Object.assign(new Error(body.message ?? 'The shop could not confirm the payment.'), {
      code: body.error_code,
    });
  }
}

const cs = CardsSession.init({ paymentSessionId: root.dataset.paymentSessionId });
// A custom form brings its own CSS (stored at the gateway); the standard field takes this style.
const style = {
  base: { color: '#1f2937', fontSize: '16px', letterSpacing: '0.15em' },
  placeholder: { color: '#6b7280' },
  invalid: { color: '#b91c1c' },
};
const cvn = cs.createField('cvn', root.dataset.design === 'standard' ? { help: true, style } : { help: true });

cvn.on('change', (state) => {
  pay.disabled = !state.complete;
});
cvn.on('ready', () => {
  root.dataset.ready = 'true';
});
cvn.mount('#cvn').catch((err) => say(err.message, err.code ?? 'UNKNOWN'));

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  pay.disabled = true;
  say('Processing payment…');
  try {
    const result = await cs.submit();
    await reportResult(result);
    say('Verifying with your bank…');
    const outcome = await cs.authenticate(result, { mode: root.dataset.threeDs });
    // The order page shows what the gateway's webhooks say, not what this page was told.
    if (outcome.status === 'SUCCEEDED') return window.location.assign(orderUrl);
    if (outcome.status === 'FAILED')
      say('Your bank did not confirm the payment. You can try again.', 'AUTHENTICATION_FAILED');
    else say('Verification canceled. You can try again.', 'AUTHENTICATION_CANCELED');
  } catch (err) {
    say(err.message, err.code ?? 'UNKNOWN');
  }
  pay.disabled = !(cvn.state && cvn.state.complete);
});
