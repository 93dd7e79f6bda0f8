import { THREE_DS_GLOBAL } from './global-keys';
import { showChallenge } from './three-ds';

// Entry of cards-session-3ds.min.js: loaded by the script-tag build on the first modal challenge.
(window as unknown as Record<string, unknown>)[THREE_DS_GLOBAL] = { showChallenge };
