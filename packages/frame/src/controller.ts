import { ErrorCode, MessageName, PROTOCOL_VERSION, type SubmitReply } from '@cards-session/protocol';
import { PaymentApi } from './api';
import type { FrameConfig, HashOptions } from './config';
import { CvnInput } from './field';
import { focusInput } from './focus';
import type { ParentLink } from './messaging';
import { FrameStyles } from './styles';

/** Runs a frame the gateway accepted: the field, its commands from the page, the API call. */
export function runField(
  doc: Document,
  config: Extract<FrameConfig, { ok: true }>,
  hash: HashOptions,
  link: ParentLink,
): void {
  const locale = hash.locale ?? config.locale;
  const styles = new FrameStyles(doc);
  if (hash.options.style) styles.apply(hash.options.style);
  const api = new PaymentApi(config.session, config.clientToken);
  const field = new CvnInput(
    doc,
    config.brand,
    locale,
    { ...hash.options, help: hash.help },
    {
      onChange: (state) => link.send(MessageName.Change, { state }),
      onFocus: () => link.send(MessageName.Focus, {}),
      onBlur: () => link.send(MessageName.Blur, {}),
      onEscape: () => link.send(MessageName.Escape, {}),
      onHelp: (open, text) => link.send(MessageName.Help, { open, text }),
    },
  );

  const submit = async (): Promise<SubmitReply> => {
    // An attempt whose answer was lost is resumed as it was sent, whatever the input shows now.
    if (!api.unresolved) {
      const state = field.state();
      if (!state.valid) {
        field.setError(state.error?.code === 'TOO_MANY_ATTEMPTS' ? 'TOO_MANY_ATTEMPTS' : 'INCOMPLETE_CVN');
        const error = field.state().error;
        return { ok: false, error: { code: error?.code ?? ErrorCode.INCOMPLETE_CVN, message: error?.message ?? '' } };
      }
    }
    const reply = await api.pay(field.read());
    if (reply.ok) field.clear();
    else if (reply.error.code === ErrorCode.INVALID_CVN || reply.error.code === ErrorCode.TOO_MANY_ATTEMPTS) {
      field.setError(reply.error.code);
    }
    return reply;
  };

  // Handlers are registered in the same task that announces ready, so no request can arrive
  // before they exist.
  let pending: Promise<SubmitReply> | null = null;
  link.on(MessageName.Submit, () => {
    pending ??= submit().finally(() => {
      pending = null;
    });
    return pending;
  });
  link.on(MessageName.FocusInput, focusInput(doc, field.input));
  // A command's reply is `undefined`, spelled out: whatever a handler returns goes to the page.
  link.on(MessageName.Update, ({ options }) => {
    if (options.style) styles.apply(options.style);
    field.update(options);
    return undefined;
  });
  link.on(MessageName.BlurInput, () => void field.input.blur());
  link.on(MessageName.ClearInput, () => void field.clear());

  const height = () => Math.ceil(doc.documentElement.getBoundingClientRect().height);
  doc.documentElement.lang = locale;
  link.announce(MessageName.Ready, { version: PROTOCOL_VERSION, brand: config.brand, locale, height: height() });
  // After the announcement, which goes out in this task: the fonts load while the page reacts to
  // `ready`, and the field shows its fallback font until they arrive, as it did before.
  styles.loadFonts(config.fonts);
  let last = height();
  new ResizeObserver(() => {
    if (height() !== last) link.send(MessageName.Resize, { height: (last = height()) });
  }).observe(doc.documentElement);
}
