/**
 * The method and path of every mounted route, to tell "no such path" (404) from "path exists,
 * method does not" (405 with `Allow`).
 */
export class RouteTable {
  readonly #routes: { method: string; pattern: RegExp }[] = [];

  add(method: string, path: string): void {
    const source = path
      .split('/')
      .map((segment) => (/^\{.+\}$|^:/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
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
