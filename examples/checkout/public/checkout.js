// The merchant's checkout script: everything a shop writes to take a CVN with Cards Session.
const root = document.querySelector('[data-payment-session-id]');
const form = document.getElementById('payment-form');
const pay = document.getElementById('pay');
const status = document.getElementById('status');
const fieldError = document.getElementById('cvn-error');

const showError = (err) => {
  status.textContent = err.message;
  status.dataset.code = err.code ?? 'UNKNOWN';
  status.classList.add('error');
};

const cs = CardsSession.init({ paymentSessionId: root.dataset.paymentSessionId });
const cvn = cs.createField('cvn');

cvn.on('change', (state) => {
  pay.disabled = !state.complete;
  fieldError.textContent = state.error ? state.error.message : '';
});
cvn.on('ready', () => {
  status.textContent = '';
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
    status.textContent = 'Redirecting to your bank for verification…';
    await cs.authenticate(result, { mode: 'redirect' });
  } catch (err) {
    showError(err);
    pay.disabled = !(cvn.state && cvn.state.complete);
  }
});
