import { CURSOR_PARTS, decodeCursor as decodeParts } from 'atoll/plugin';
import { invalidCursor } from '../errors';

export { encodeCursor } from 'atoll/plugin';

/** What each part of a chat cursor must look like. */
export const CURSOR_PART = {
  ...CURSOR_PARTS,
  flag: /^[01]$/,
  /** A message seq: nine digits stay within Postgres' integer. */
  seq: /^\d{1,9}$/,
} as const;

/** The cursor's parts, or a 400 `CHAT_INVALID_CURSOR` for anything not minted here. */
export function decodeCursor(cursor: string, shape: readonly RegExp[]): string[] {
  const parts = decodeParts(cursor, shape);
  if (!parts) throw invalidCursor();
  return parts;
}
