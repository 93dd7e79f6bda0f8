import { useCvnField } from './use-cvn-field';
import type { UseCvnFieldOptions } from './field-props';

/** Props of {@link CvnField}: the container's `id` and `className`, the SDK's field options, event handlers. */
export interface CvnFieldProps extends UseCvnFieldOptions {
  /** The container's id: a `<label htmlFor>` with it names the field and focuses it on click. */
  id?: string;
  /**
   * The container's class. The SDK adds `cs-field`, `cs-field--focus`, `--invalid`,
   * `--complete`, `--empty`, `--loading` to it for styling; keep this value stable.
   */
  className?: string;
}

/**
 * The hosted CVN field: a `<div>` the gateway's frame is mounted into, inside a
 * `CardsSessionProvider`. Without an `onError` prop a failure (the frame did not load, the gateway
 * refused it, bad options) is thrown to the nearest error boundary rather than lost.
 *
 * @example
 * <label htmlFor="cvn">Security code</label>
 * <CvnField id="cvn" help onChange={(s) => setComplete(s.complete)} onError={setError} />
 */
export function CvnField({ id, className, ...options }: CvnFieldProps) {
  const { ref, error } = useCvnField(options);
  if (error && !options.onError) throw error;
  return <div ref={ref} id={id} className={className} />;
}
