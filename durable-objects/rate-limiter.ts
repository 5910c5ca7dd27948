import { DurableObject } from 'cloudflare:workers';
import type { RateCounter, RateDecision } from '../worker/http/rate-limit';

interface Window {
  start: number;
  counts: Record<string, number>;
}

/**
 * Windows up to this long live in memory only: an object is evicted only after a longer idle time,
 * by when its window has closed anyway. Longer windows (the registration limit's hour) are also
 * written to the object's storage, or an eviction would hand out a fresh budget.
 */
const MEMORY_ONLY_SECONDS = 60;

/**
 * One per rate-limit key (`idFromName(key)`): fixed-window counters whose window opens with the
 * first request after the previous one closed. A request charges several counters of the key in one
 * call (a tenant's total and its address's share), so a route pays one round trip for both; it is
 * refused, and counted nowhere, when any of them is at its limit.
 */
export class RateLimiter extends DurableObject {
  #window: Window | undefined;

  /** Counts one request against `limit` per `windowSeconds`. */
  async hit(limit: number, windowSeconds: number): Promise<RateDecision> {
    return this.charge(windowSeconds, [{ name: '', limit }]);
  }

  /** Counts one request against each counter, all in the same window; refused if any is full. */
  async charge(windowSeconds: number, counters: RateCounter[]): Promise<RateDecision> {
    const now = Date.now();
    const windowMs = windowSeconds * 1000;
    const persist = windowSeconds > MEMORY_ONLY_SECONDS;
    let window = (this.#window ??= persist ? this.ctx.storage.kv.get<Window>('window') : undefined);
    if (!window || now - window.start >= windowMs) window = this.#window = { start: now, counts: {} };
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
    const full = counters.find((k) => (window.counts[k.name] ?? 0) >= k.limit);
    if (full) return { allowed: false, limit: full.limit, remaining: 0, retryAfterSeconds };
    let tightest = { limit: Infinity, remaining: Infinity };
    for (const { name, limit } of counters) {
      const count = (window.counts[name] = (window.counts[name] ?? 0) + 1);
      const remaining = limit - count;
      if (remaining < tightest.remaining || (remaining === tightest.remaining && limit < tightest.limit)) tightest = { limit, remaining };
    }
    if (persist) this.ctx.storage.kv.put('window', window);
    return { allowed: true, ...tightest, retryAfterSeconds };
  }
}
