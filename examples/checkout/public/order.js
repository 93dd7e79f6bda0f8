// Keeps the order page current: the status moves as the gateway's webhooks reach the shop.
const root = document.querySelector('[data-order-reference]');
const badge = document.getElementById('order-status');
const timeline = document.getElementById('order-events');
// The wording of each status, as the server rendered it (examples/checkout/src/display.ts).
const TEXT = JSON.parse(badge.dataset.statusText);
const FINAL = ['PAID', 'EXPIRED'];

function render(order) {
  if (badge.dataset.status !== order.status) {
    badge.dataset.status = order.status;
    badge.textContent = TEXT[order.status] ?? order.status;
  }
  timeline.replaceChildren(
    ...order.events.map((e) => {
      const li = document.createElement('li');
      const time = document.createElement('time');
      time.dateTime = e.at;
      time.textContent = e.at.slice(11, 19);
      const source = document.createElement('span');
      source.className = 'event-source';
      source.textContent = e.source;
      li.append(time, ' ', source, ` ${e.detail}`);
      return li;
    }),
  );
}

// A paid order still hears the other webhook of the pair (the capture, the session's completion),
// which may come in either order and, under load or after a failed delivery, seconds later.
let lastLooks = 3;
async function poll(delay) {
  try {
    const res = await fetch(`/api/orders/${root.dataset.orderReference}`, { cache: 'no-store' });
    if (res.ok) render(await res.json());
  } catch {
    // Offline for a moment: the next poll tries again.
  }
  if (!FINAL.includes(badge.dataset.status)) setTimeout(() => poll(Math.min(delay * 1.5, 5000)), delay);
  else if (lastLooks-- > 0) setTimeout(() => poll(delay), 2000);
}
poll(500);
