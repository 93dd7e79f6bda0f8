import { pushExampleForms } from '../scripts/push-forms.mjs';
import { servers } from './env';

/** Once the gateway listens: the example shop's custom forms, pushed as a merchant would. */
export default function globalSetup(): void {
  pushExampleForms(servers.gateway, servers.secretKey, { quiet: true });
}
