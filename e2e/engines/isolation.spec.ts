import { expect, test } from './fixtures';
import { PAGE } from './shopper';
import { CVN, openCheckout } from './steps';

// Which engine runs the hosted field in a process of its own: the proof that the firefox-fission
// project has Fission on (and the Playwright firefox project, which needs it off, does not).
// WebDriver classic runs one command at a time, so WebKit cannot be asked this way.

// A trace snapshots the page at each step, which would wait for the busy page.
test.use({ trace: 'off' });

test('the hosted field answers while the merchant page is busy only where sites are isolated', async ({ shopper }) => {
  await openCheckout(shopper);
  await shopper.evaluate(CVN, () => true);
  // The page's main thread blocks for 3 s, starting just after this call returns.
  await shopper.evaluate(PAGE, () => {
    setTimeout(() => {
      const end = performance.now() + 3000;
      while (performance.now() < end);
    }, 100);
    return true;
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const asked = Date.now();
  await shopper.evaluate(CVN, () => true);
  const answeredIn = Date.now() - asked;
  const isolated = { chromium: true, firefox: false, 'firefox-fission': true, webkit: null }[shopper.engine];
  expect(answeredIn < 1500, `the frame answered in ${answeredIn} ms`).toBe(isolated);
});
