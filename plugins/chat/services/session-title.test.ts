import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_TITLE, titleFromQuestion } from './session-title';

const length = (s: string) => Array.from(s).length;

describe('titleFromQuestion', () => {
  it('keeps a short question as it is', () => {
    expect(titleFromQuestion('How many rows does sales have?')).toBe('How many rows does sales have?');
  });

  it('cuts a long one at a word boundary, with an ellipsis, within 60 characters', () => {
    const title = titleFromQuestion('Which datasets grew the most last month, and by how much compared to the month before?');
    expect(title).toBe('Which datasets grew the most last month, and by how much…');
    expect(length(title)).toBeLessThanOrEqual(60);
  });

  it('cuts a word with no spaces hard, and drops punctuation before the ellipsis', () => {
    expect(titleFromQuestion('x'.repeat(100))).toBe(`${'x'.repeat(59)}…`);
    expect(titleFromQuestion(`${'word '.repeat(9)}end, ${'y'.repeat(40)}`)).toBe(`${'word '.repeat(9)}end…`);
  });

  it('takes the first non-blank line and collapses whitespace', () => {
    expect(titleFromQuestion('\n  \r\n  Plot   cpu\tby host  \nand more details here')).toBe('Plot cpu by host');
  });

  it('removes control and bidi characters', () => {
    expect(titleFromQuestion('Re\u0000port\u0007 on \u202Egnp.exe\u202C\u009B sales')).toBe('Report on gnp.exe sales');
  });

  it('counts code points, so an emoji is never split', () => {
    const title = titleFromQuestion('📊'.repeat(80));
    expect(title).toBe(`${'📊'.repeat(59)}…`);
    expect(() => encodeURIComponent(title)).not.toThrow(); // it throws on a lone surrogate
  });

  it('falls back to the default title when nothing readable is left', () => {
    expect(titleFromQuestion('')).toBe(DEFAULT_SESSION_TITLE);
    expect(titleFromQuestion(' \n\t\u0001\n ')).toBe(DEFAULT_SESSION_TITLE);
  });
});
