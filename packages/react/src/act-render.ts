import { act, Component, type ReactNode } from 'react';
import { createRoot, type RootOptions } from 'react-dom/client';

/** A mounted React root for a test: render again, unmount, and the element it renders into. */
export interface Rendered {
  host: HTMLElement;
  rerender(ui: ReactNode): void;
  unmount(): void;
}

/** Renders `ui` into a fresh element of the document, inside `act`. */
export function render(ui: ReactNode, options?: RootOptions): Rendered {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host, options);
  act(() => root.render(ui));
  return {
    host,
    rerender: (next) => act(() => root.render(next)),
    unmount: () => {
      act(() => root.unmount());
      host.remove();
    },
  };
}

/** Catches what its children throw and shows nothing instead; `onCatch` receives it. */
export class Boundary extends Component<
  { onCatch: (error: unknown) => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onCatch(error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
