/** Version of the SDK ↔ frame message contract. Both sides refuse a peer that differs. */
export const PROTOCOL_VERSION = 1;

/** Every post-robot message name. Neither side writes one as a string literal. */
export const MessageName = {
  /**
   * frame → page: the field is rendered and its handlers are registered. Repeated until the page's
   * SDK takes it: after a move the page listens to the frame's new window only once it loads. A
   * second Ready on the same channel is the same mount's frame replaced: its state starts empty.
   */
  Ready: 'cards-session:ready',
  /** frame → page: the frame document refused to start (session, origin, version). */
  LoadError: 'cards-session:load-error',
  /** frame → page: the coarse state of the field changed; sent only when it changes, never per key. */
  Change: 'cards-session:change',
  /** frame → page: the input gained focus. */
  Focus: 'cards-session:focus',
  /** frame → page: the input lost focus. */
  Blur: 'cards-session:blur',
  /** frame → page: the shopper pressed Escape in the field. */
  Escape: 'cards-session:escape',
  /** frame → page: the content height changed. */
  Resize: 'cards-session:resize',
  /** frame → page: the shopper opened or closed the "What is the CVN?" help. */
  Help: 'cards-session:help',
  /**
   * page → frame: send the security code to the gateway; answered with a {@link SubmitReply}.
   *
   * Exactly once: a payment attempt is one `Idempotency-Key` with the client token that goes with
   * it, kept by the frame until the gateway's answer for that attempt arrives. A lost answer, a
   * timeout or a 5xx is retried by the frame with both unchanged; when its tries run out the reply
   * is `NETWORK_ERROR` and the next Submit resumes the same attempt (the code it carried, not the
   * input's). The gateway answers a repeated attempt with its stored answer, next client token and
   * result token included, whatever the session's state now. A new attempt starts only after an
   * answer.
   */
  Submit: 'cards-session:submit',
  /** page → frame: apply new options (style, placeholder, label, disabled). */
  Update: 'cards-session:update',
  /** page → frame: focus the input; answered with a {@link FocusReply}. */
  FocusInput: 'cards-session:focus-input',
  /** page → frame: take focus away from the input. */
  BlurInput: 'cards-session:blur-input',
  /** page → frame: empty the input. */
  ClearInput: 'cards-session:clear-input',
  /**
   * 3-D Secure page (modal mode) → page, by plain `postMessage` to the exact merchant origin:
   * the challenge ended. Payload {@link ThreeDsResult}.
   */
  ThreeDsResult: 'cards-session:3ds-result',
  /** 3-D Secure page (modal mode) → page: the challenge is showing, so framing worked. */
  ThreeDsReady: 'cards-session:3ds-ready',
} as const;

/** One of {@link MessageName}'s values. */
export type MessageName = (typeof MessageName)[keyof typeof MessageName];
