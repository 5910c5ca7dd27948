/** The title of a session nobody has named yet; the first question replaces it (`touchSession`). */
export const DEFAULT_SESSION_TITLE = 'New chat';

const MAX_TITLE = 60;
// Bidi overrides and isolates are removed with the control characters: in a title they could make
// the text read differently from what it is.
const INVISIBLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A session title from the user's first question: its first non-blank line, control characters
 * removed and whitespace collapsed, at most 60 characters (code points), cut at a word boundary
 * with an ellipsis when longer. `DEFAULT_SESSION_TITLE` when nothing readable is left.
 *
 * @example
 * titleFromQuestion('Which datasets grew the most last month, and by how much compared to the month before?');
 * // 'Which datasets grew the most last month, and by how much…'
 */
export function titleFromQuestion(text: string): string {
  const line = text
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((l) => l.replace(/\t/g, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim())
    .find((l) => l.length > 0);
  if (!line) return DEFAULT_SESSION_TITLE;
  const chars = Array.from(line);
  if (chars.length <= MAX_TITLE) return line;
  const head = chars.slice(0, MAX_TITLE - 1).join('');
  // Cut at the last space unless that would leave too little of the question.
  const space = head.lastIndexOf(' ');
  const cut = space >= MAX_TITLE / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
