import { servers } from '../env';
import { found, installLeakHooks, merchantStrings, SENTINEL } from '../leak-probe';
import { expect, test } from './fixtures';
import { recordingProxy } from './recording-proxy';
import { PAGE } from './shopper';
import { CHALLENGE, confirmChallenge, expectOrderStatus, openCheckout, pay, typeCvn } from './steps';
import { CUSTOM_DESIGN } from '../checkout';

// The leak probe of e2e/leak.spec.ts, in the engines Playwright does not drive. Requests are
// seen by a recording proxy, bodies included, for every frame: so here the positive control
// (the frame's own API call carries the code) holds in every engine. The page-side hooks go in
// once the field is ready, before the code is typed: nothing can leak what does not exist yet.

// The default field, and the example shop's custom form (its own HTML and CSS, served by the gateway).
for (const design of [undefined, CUSTOM_DESIGN]) {
  test(`the CVN never reaches the merchant side${design ? ` (custom form ${design})` : ''}: DOM, window, storage, cookies, console, messages, requests`, async ({
    launcher,
  }, testInfo) => {
    const proxy = await recordingProxy();
    const shopper = await launcher.newShopper({ proxy: proxy.address });
    try {
      await openCheckout(shopper, 'cpt-amex-challenge', 'modal', design);
      await shopper.evaluate(PAGE, installLeakHooks, 'storage');
      await typeCvn(shopper, SENTINEL);
      await shopper.click('h1');

      expect((await shopper.evaluate(PAGE, merchantStrings)).filter(found)).toEqual([]);
      await pay(shopper);
      await confirmChallenge(shopper, CHALLENGE);
      await expectOrderStatus(shopper, 'PAID');

      expect((await shopper.evaluate(PAGE, merchantStrings)).filter(found)).toEqual([]);
      const cookies = await shopper.cookies();
      expect(cookies.filter((c) => found(c.name) || found(c.value))).toEqual([]);
      // The hooks were live: they saw the frame's messages and the checkout form's submit.
      const pageSide = await shopper.evaluate(
        PAGE,
        () => JSON.parse(sessionStorage.getItem('cs-leak-probe') ?? '[]') as string[],
      );
      expect(pageSide.filter(found)).toEqual([]);
      expect(pageSide.some((entry) => entry.startsWith('message '))).toBe(true);
      expect(pageSide.some((entry) => entry.startsWith('form '))).toBe(true);

      // Every request through the proxy: URL, headers, body. The one carrier is the frame's API
      // call, sent from the gateway's origin (the merchant page's would say its own).
      const carriers = proxy.requests
        .filter((r) => found([r.url, JSON.stringify(r.headers), r.body].join('\n')))
        .map((r) => `${r.method} ${r.url} from ${r.headers.origin}`);
      expect(carriers).toEqual([`POST ${servers.gateway}/v1/payment_with_session from ${servers.gateway}`]);
      expect(proxy.requests.some((r) => r.url.startsWith(servers.merchant))).toBe(true);
    } catch (err) {
      await testInfo
        .attach('window', { body: await shopper.screenshot(), contentType: 'image/png' })
        .catch(() => undefined);
      throw err;
    } finally {
      await shopper.close();
      await proxy.close();
    }
  });
}
