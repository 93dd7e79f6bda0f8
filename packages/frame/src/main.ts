import { ErrorCode, MessageName, PROTOCOL_VERSION } from '@cards-session/protocol';
import { readConfig, readHash } from './config';
import { runField } from './controller';
import { linkParent } from './messaging';

const config = readConfig(document);
const hash = readHash(location.hash);

// Without a channel this frame was not opened by the SDK: say nothing to anyone.
if (hash && config.origin && window.parent !== window) {
  const link = linkParent(window.parent, config.origin, hash.channel);
  if (!config.ok) {
    link.send(MessageName.LoadError, { version: PROTOCOL_VERSION, code: config.code, message: config.message });
  } else if (hash.version !== PROTOCOL_VERSION) {
    link.send(MessageName.LoadError, {
      version: PROTOCOL_VERSION,
      code: ErrorCode.VERSION_MISMATCH,
      message: `The SDK speaks protocol ${hash.version}, the frame ${PROTOCOL_VERSION}: load the SDK from the gateway`,
    });
  } else {
    runField(document, config, hash, link);
  }
}
