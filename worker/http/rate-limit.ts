import { currentUnitOfWork } from '../db/unit-of-work';
import type { MiddlewareHandler } from 'hono';
import type { RateDecision } from '../../durable-objects/rate-limiter';
import { limitExceeded } from '../errors';
import type { Logger } from '../logger';

/** A route's rate limit: at most `limit` requests per `windowSeconds` per tenant or per caller. */
export interface RouteRateLimit {
  limit: number;
  windowSeconds: number;
  /** Count per tenant (the request's tenant) or per caller (user or API key; the default). */
  by?: 'tenant' | 'principal';
}

type Limiter = { hit(limit: number, windowSeconds: number): Promise<RateDecision> };

/**
 * Refuses requests over the route's limit with 429 and `Retry-After`, counted by the `RATE_LIMITER`
 * Durable Object of the key `<route>|<tenant or caller>`. Runs after access control, so the caller
 * and tenant are known. Without the binding, or if the limiter fails, requests go through (logged).
 */
export function rateLimit(rule: RouteRateLimit, routeKey: string, limiter: RateLimiterService): MiddlewareHandler {
  return async (c, next) => {
    const principal = c.get('principal');
    const who = rule.by === 'tenant' ? c.get('tenant')?.id : principal ? (principal.kind === 'user' ? `user:${principal.userId}` : `key:${principal.keyId}`) : undefined;
    if (!who) return next();
    const decision = await limiter.hit(`${routeKey}|${who}`, rule.limit, rule.windowSeconds);
    if (!decision) return next();
    c.header('ratelimit-limit', String(rule.limit));
    c.header('ratelimit-remaining', String(decision.remaining));
    c.header('ratelimit-reset', String(decision.retryAfterSeconds));
    if (!decision.allowed) {
      throw limitExceeded('KERNEL_RATE_LIMITED', `At most ${rule.limit} requests per ${rule.windowSeconds} s ${rule.by === 'tenant' ? 'per tenant' : 'per caller'} on this endpoint; try again in ${decision.retryAfterSeconds} s`, decision.retryAfterSeconds);
    }
    return next();
  };
}

/** Counts requests by key against a fixed window; `null` when no limiter is configured or it failed. */
export interface RateLimiterService {
  /**
   * @example
   * const decision = await ctx.service(coreServices.rateLimiter).hit(`datasets.query|${tenantId}`, 300, 60);
   * if (decision && !decision.allowed) throw limitExceeded('DATASETS_SQL_RATE_LIMITED', '…', decision.retryAfterSeconds);
   */
  hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision | null>;
}

export function createRateLimiter(namespace: DurableObjectNamespace | undefined, logger: Logger): RateLimiterService {
  return {
    async hit(key, limit, windowSeconds) {
      if (!namespace) return null;
      // No request transaction stays open across the Durable Object call.
      await currentUnitOfWork()?.commit();
      try {
        return await (namespace.get(namespace.idFromName(key)) as unknown as Limiter).hit(limit, windowSeconds);
      } catch (error) {
        logger.warn('rate limiter unavailable; request let through', { key, error });
        return null;
      }
    },
  };
}
