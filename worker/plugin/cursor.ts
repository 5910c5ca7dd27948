/**
 * What common cursor parts look like, so a forged cursor never reaches a query.
 *
 * @example
 * const parts = decodeCursor(cursor, [CURSOR_PARTS.time, CURSOR_PARTS.uuid]);
 */
export const CURSOR_PARTS = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /** A timestamp as lists write it: `to_char(... 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, microseconds kept. */
  time: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  /**
   * A name as lists sort it, `lower(name)`: any text, at most 400 UTF-16 units (names stop at 200,
   * and lower-casing can double one, `İ` becoming `i̇`).
   */
  name: /^[\s\S]{1,400}$/,
} as const;

/**
 * An opaque keyset cursor: base64url of the JSON array of the last row's sort key parts (UTF-8, so
 * any name survives the round trip).
 *
 * @example
 * const nextCursor = encodeCursor([row.updatedAt, row.id]);
 */
export function encodeCursor(parts: readonly string[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(parts));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The parts of a cursor `encodeCursor` made, each matching its pattern in `shape`; null for anything
 * else (the plugin answers with its own 400 `<PLUGIN>_INVALID_CURSOR`).
 *
 * @example
 * const parts = decodeCursor(query.cursor, [CURSOR_PARTS.time, CURSOR_PARTS.uuid]);
 * if (!parts) throw invalidCursor();
 */
export function decodeCursor(cursor: string, shape: readonly RegExp[]): string[] | null {
  let parts: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
    const bytes = Uint8Array.from(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
    parts = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== shape.length) return null;
  return parts.every((p, i) => typeof p === 'string' && shape[i]!.test(p)) ? (parts as string[]) : null;
}
