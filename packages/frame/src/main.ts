import { ErrorCode, MessageName, PROTOCOL_VERSION, type SubmitReply } from '@cards-session/protocol';
import { PaymentApi } from './api';
import { readConfig, readHash } from './config';
import { CvnInput } from './field';
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
    const api = new PaymentApi(config.session, config.clientToken);
    const field = new CvnInput(document, config.brand, hash.locale ?? config.locale, hash, {
      onChange: (state) => link.send(MessageName.Change, { state }),
      onFocus: () => link.send(MessageName.Focus, {}),
      onBlur: () => link.send(MessageName.Blur, {}),
      onEscape: () => link.send(MessageName.Escape, {}),
    });
    let pending: Promise<SubmitReply> | null = null;

    const submit = async (): Promise<SubmitReply> => {
      const state = field.state();
      if (!state.valid) {
        field.setError(state.error?.code === 'TOO_MANY_ATTEMPTS' ? 'TOO_MANY_ATTEMPTS' : 'INCOMPLETE_CVN');
        const error = field.state().error;
        return { ok: false, error: { code: error?.code ?? ErrorCode.INCOMPLETE_CVN, message: error?.message ?? '' } };
      }
      const reply = await api.pay(field.read(), crypto.randomUUID());
      if (reply.ok) field.clear();
      else if (reply.error.code === ErrorCode.INVALID_CVN || reply.error.code === ErrorCode.TOO_MANY_ATTEMPTS)
        field.setError(reply.error.code);
      return reply;
    };

    // Handlers are registered in the same task that announces ready, so no request can
    // arrive before they exist.
    link.on(MessageName.Submit, () => {
      pending ??= submit().finally(() => {
        pending = null;
      });
      return pending;
    });
    const height = () => Math.ceil(document.documentElement.getBoundingClientRect().height);
    document.documentElement.lang = hash.locale ?? config.locale;
    link.send(MessageName.Ready, {
      version: PROTOCOL_VERSION,
      brand: config.brand,
      locale: hash.locale ?? config.locale,
      height: height(),
    });
    let last = height();
    new ResizeObserver(() => {
      if (height() !== last) link.send(MessageName.Resize, { height: (last = height()) });
    }).observe(document.documentElement);
  }
}
