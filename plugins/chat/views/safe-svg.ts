/**
 * Markup no chart may carry: scripts, event handlers, script URLs, embedded HTML, styles (the CSP
 * refuses inline ones) and links out of the document. Our chart renderer (analytics) writes none.
 */
const FORBIDDEN = [/<script/i, /\son[a-z]+\s*=/i, /javascript:/i, /<foreignObject/i, /<iframe/i, /<style/i, /\sstyle\s*=/i, /href\s*=\s*["']?(?!#)/i];

/**
 * A tool's chart, if it looks like what our own renderer makes: standalone `<svg>` markup without
 * anything active in it. Charts are drawn by plugin code from data, never taken from the model, so
 * this is a second wall; anything that fails it is left out rather than cleaned.
 */
export function safeSvg(svg: unknown): string | null {
  if (typeof svg !== 'string') return null;
  const markup = svg.trim();
  if (!/^<svg[\s>]/i.test(markup) || !/<\/svg>$/i.test(markup)) return null;
  return FORBIDDEN.some((re) => re.test(markup)) ? null : markup;
}
