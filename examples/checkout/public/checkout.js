// The merchant's checkout script: everything a shop writes to take a CVN with Cards Session.
const root = document.querySelector('[data-payment-session-id]');
const form = document.getElementById('payment-form');
const pay = document.getElementById('pay');
const status = document.getElementById('status');

const showError = (err) => {
  status.textContent = err.message;
  status.dataset.code = err.code ?? 'UNKNOWN';
  status.classList.add('error');
};

const cs = CardsSession.init({ paymentSessionId: root.dataset.paymentSessionId });
const cvn = cs.createField('cvn', {
  help: true,
  style: {
    base: { color: '#1f2937', fontSize: '16px', letterSpacing: '0.15em' },
    placeholder: { color: '#6b7280' },
    invalid: { color: '#b91c1c' },
  },
});

cvn.on('change', (state) => {
  pay.disabled = !state.complete;
});
cvn.on('ready', () => {
  root.dataset.ready = 'true';
});
cvn.mount('#cvn').catch(showError);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  pay.disabled = true;
  status.classList.remove('error');
  delete status.dataset.code;
  status.textContent = 'Processing payment…';
  try {
    const result = await cs.submit();
    status.textContent = 'Verifying with your bank…';
    const outcome = await cs.authenticate(result, { mode: root.dataset.threeDs });
    // The order page asks the gateway for the real status: the page's word is never trusted.
    if (outcome.status === 'SUCCEEDED') window.location.assign(root.dataset.orderUrl);
    else if (outcome.status === 'FAILED')
      showError({ message: 'Your bank did not confirm the payment.', code: 'AUTHENTICATION_FAILED' });
    else showError({ message: 'Verification canceled. You can try again.', code: 'AUTHENTICATION_CANCELED' });
  } catch (err) {
    showError(err);
  }
  pay.disabled = !(cvn.state && cvn.state.complete);
});
