import { vi } from 'vitest';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}
// React warns about updates outside act() unless told that tests drive it.
globalThis.IS_REACT_ACT_ENVIRONMENT = true;
// The tests keep the SDK's real error class (importOriginal loads its source), whose version
// module reads the build constant; the vitest `define` does not reach it (as in sdk's index.test.ts).
vi.stubGlobal('__VERSION__', '0.0.0-test');
