import { useEffect, useRef } from 'react';
import { navigationCount } from './router';

/**
 * Titles the document and, when the shopper arrived by navigating inside the app, moves focus to
 * the page's heading, so screen readers announce the new page as a full load would.
 */
export function usePage(title: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Kopi Nusantara`;
  }, [title]);
  useEffect(() => {
    if (navigationCount() > 0) heading.current?.focus();
  }, []);
  return heading;
}
