/**
 * JSON with object keys sorted at every level, so equal values give equal text whatever the key
 * order they arrived in (arrays keep their order: it is meaningful).
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, 0));
}

/** How deeply arrays and objects may nest: a request body may parse far deeper than recursion can walk. */
export const MAX_JSON_DEPTH = 64;

/** Thrown for a value nested deeper than `MAX_JSON_DEPTH` (a client's input, so a 400, never a stack overflow). */
export class JsonTooDeep extends Error {
  constructor() {
    super(`Nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

function sortKeys(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) throw new JsonTooDeep();
  if (Array.isArray(value)) return value.map((item) => sortKeys(item, depth + 1));
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => [key, sortKeys(object[key], depth + 1)]),
  );
}

/** SHA-256 of the canonical JSON of `value`, in hex. */
export async function hashCanonical(value: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(value)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
