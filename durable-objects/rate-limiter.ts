import { DurableObject } from 'cloudflare:workers';

export interface RateDecision {
  allowed: boolean;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Seconds until the window resets (when refused: how long to wait). */
  retryAfterSeconds: number;
}

/**
 * One per rate-limit key (`idFromName(key)`): a fixed-window counter whose window opens with the
 * first request after the previous one closed. The count lives in memory
 * only; if the object is evicted the window starts again, which errs towards letting requests
 * through rather than refusing them.
 */
export class RateLimiter extends DurableObject {
  #windowStart = 0;
  #count = 0;

  /** Counts one request against `limit` per `windowSeconds`. */
  async hit(limit: number, windowSeconds: number): Promise<RateDecision> {
    const now = Date.now();
    const windowMs = windowSeconds * 1000;
    if (now - this.#windowStart >= windowMs) {
      this.#windowStart = now;
      this.#count = 0;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((this.#windowStart + windowMs - now) / 1000));
    if (this.#count >= limit) return { allowed: false, remaining: 0, retryAfterSeconds };
    this.#count += 1;
    return { allowed: true, remaining: limit - this.#count, retryAfterSeconds };
  }
}
