// The browsers e2e and the bench run: Debian's chromium and firefox-esr by default (this machine
// cannot download Playwright's), overridable with CHROMIUM_PATH / FIREFOX_PATH; an empty value
// means Playwright's own browser.
import { existsSync } from 'node:fs';

function binary(variable, debian) {
  const fromEnv = process.env[variable];
  if (fromEnv !== undefined) return fromEnv || undefined;
  return existsSync(debian) ? debian : undefined;
}

/** Launch options for Chromium. */
export function chromiumOptions() {
  return {
    executablePath: binary('CHROMIUM_PATH', '/usr/bin/chromium'),
    // Without the networking flags Chromium keeps calling home, refused by this closed network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}

/** Browser-level options for Firefox: `channel` plus launch options. */
export function firefoxOptions(extraPrefs = {}) {
  const executablePath = binary('FIREFOX_PATH', '/usr/bin/firefox-esr');
  return {
    ...(executablePath ? { channel: 'moz-firefox' } : {}),
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      // Playwright 1.64's keyboard does not reach out-of-process (Fission) iframes in firefox-esr
      // 153, even on a plain cross-origin page; keeping web content in one process lets it type.
      // Origins stay isolated by the same-origin policy as ever.
      firefoxUserPrefs: { 'fission.webContentIsolationStrategy': 0, ...extraPrefs },
    },
  };
}

/**
 * WebKit: Debian's WebKitWebDriver and the MiniBrowser it automates (package webkit2gtk-driver),
 * overridable with WEBKIT_DRIVER_PATH / MINIBROWSER_PATH. `null` when they are not installed.
 */
export function webkitOptions() {
  const driver = binary('WEBKIT_DRIVER_PATH', '/usr/bin/WebKitWebDriver');
  const arch = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  const miniBrowser = binary('MINIBROWSER_PATH', `/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`);
  return driver && miniBrowser ? { driver, miniBrowser } : null;
}

/** Firefox for WebDriver BiDi, run as shoppers do: Fission on. */
export function firefoxPath() {
  return binary('FIREFOX_PATH', '/usr/bin/firefox-esr') ?? 'firefox';
}
