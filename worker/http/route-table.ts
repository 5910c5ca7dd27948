/** `:id{[0-9]+}` keeps its own pattern; `:id` and OpenAPI's `{id}` match one segment; the rest is literal. */
function segmentPattern(segment: string): string {
  const constrained = /^:\w+\{(.+)\}$/.exec(segment);
  if (constrained) return `(?:${constrained[1]})`;
  if (/^\{.+\}$|^:/.test(segment)) return '[^/]+';
  return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The method and path of every mounted route, to tell "no such path" (404) from "path exists,
 * method does not" (405 with `Allow`).
 */
export class RouteTable {
  readonly #routes: { method: string; pattern: RegExp }[] = [];

  add(method: string, path: string): void {
    const source = path.split('/').map(segmentPattern).join('/');
    this.#routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`) });
  }

  /** Methods served on `path`; HEAD is implied by GET. */
  allowedMethods(path: string): string[] {
    const methods = new Set<string>();
    for (const r of this.#routes) {
      if (!r.pattern.test(path)) continue;
      methods.add(r.method);
      if (r.method === 'GET') methods.add('HEAD');
    }
    return [...methods].sort();
  }
}
