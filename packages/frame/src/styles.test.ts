import { describe, expect, it } from 'vitest';
import { FrameStyles } from './styles';

describe('FrameStyles', () => {
  it('adopts no stylesheet before a style is applied: an unstyled field does no CSS work before ready', () => {
    const before = document.adoptedStyleSheets.length;
    new FrameStyles(document);
    expect(document.adoptedStyleSheets).toHaveLength(before);
  });

  it('adopts one sheet on the first style and replaces its rules on the next', () => {
    const before = document.adoptedStyleSheets.length;
    const styles = new FrameStyles(document);
    styles.apply({ base: { color: 'red' } });
    expect(document.adoptedStyleSheets).toHaveLength(before + 1);
    const sheet = document.adoptedStyleSheets.at(-1);
    styles.apply({ focus: { color: 'blue' } });
    expect(document.adoptedStyleSheets).toHaveLength(before + 1);
    expect(document.adoptedStyleSheets.at(-1)).toBe(sheet);
    const rules = [...(sheet?.cssRules ?? [])].map((r) => r.cssText).join('\n');
    expect(rules).toContain('input:focus');
    expect(rules).not.toContain('red');
  });
});
