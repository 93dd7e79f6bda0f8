import type { FocusReply } from '@cards-session/protocol';

/**
 * Focus for the input, as a native input box gets it: on the page's `focus()`, which answers
 * whether it took, and on a click anywhere in the frame that is not on a control.
 *
 * WebKit ignores `focus()` in a cross-origin frame that has never had the shopper's interaction
 * unless a gesture is being handled (Element::focus; https://bugs.webkit.org/show_bug.cgi?id=294296):
 * the page's focus is then on this frame and its document has nothing focused. The request is kept until the shopper's next
 * key here, a gesture of its own, which moves focus to the input before the character lands, so
 * no keystroke is lost. Leaving the frame drops the request.
 */
export function focusInput(doc: Document, input: HTMLInputElement): () => FocusReply {
  let wanted = false;
  const nothingFocused = () => !doc.activeElement || doc.activeElement === doc.body;
  doc.addEventListener(
    'keydown',
    (event) => {
      // Tab and Escape keep their meaning: Tab from the document reaches the input anyway.
      if (!wanted || !nothingFocused() || event.key === 'Tab' || event.key === 'Escape') return;
      wanted = false;
      input.focus();
    },
    true,
  );
  doc.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    if (!target?.closest('input, button, a, label') && !input.disabled) input.focus();
  });
  input.addEventListener('focus', () => {
    wanted = false;
  });
  doc.defaultView?.addEventListener('blur', () => {
    wanted = false;
  });
  return () => {
    input.focus();
    wanted = doc.activeElement !== input;
    return { focused: !wanted };
  };
}
