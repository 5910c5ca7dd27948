import type { Context, MiddlewareHandler } from 'hono';
import { currentUnitOfWork } from '../db/unit-of-work';
import { limitExceeded } from '../errors';
import type { Logger } from '../logger';
import { BootErrorCode, PluginBootError } from '../plugin/boot-error';
import { clientAddress } from './client-address';
import { GROUP_NAME, type RateBudget, type RateLimitSettings, type RouteRateLimit, resolveBudget } from './rate-limit-budgets';

export type { RouteRateLimit } from './rate-limit-budgets';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a route is rate limited, by its declaration alone: every write unless it declares
 * `rateLimit: false`, and any route that declares a budget. (`RATE_LIMIT_WRITES` may still turn a
 * group off; the OpenAPI document does not depend on it.)
 */
export const isRateLimited = (method: string, declared: RouteRateLimit | false | undefined): boolean => declared !== false && (declared !== undefined || !READS.has(method.toUpperCase()));

/**
 * Who a request counts as: its tenant, else its caller (user or API key), else its address alone.
 * Public routes always count by address: credentials a caller may send there change nothing.
 */
function subjectOf(c: Context, address: string | undefined, byAddress: boolean): string | undefined {
  if (byAddress) return address === undefined ? undefined : `address:${address}`;
  const tenant = c.get('tenant');
  if (tenant) return `tenant:${tenant.id}`;
  const principal = c.get('principal');
  if (principal) return principal.kind === 'user' ? `user:${principal.userId}` : `key:${principal.keyId}`;
  return address === undefined ? undefined : `address:${address}`;
}

/**
 * Counts a request against its group's budget with one Durable Object call (the key's object holds
 * the subject's total and each address's share), sets `RateLimit-Limit`, `RateLimit-Remaining` and
 * `RateLimit-Reset` (draft-ietf-httpapi-ratelimit-headers-07 fields, for the tightest counter), and
 * refuses over the limit with 429 `KERNEL_RATE_LIMITED` and `Retry-After`. Runs after access
 * control, so only callers who got that far count, by the tenant or caller it resolved. Without the
 * limiter binding, or if it fails, requests go through (logged).
 */
export function rateLimit(group: string, budget: RateBudget, limiter: RateLimiterService, options: { byAddress?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    const address = clientAddress(c);
    const subject = subjectOf(c, address, options.byAddress ?? false);
    if (!subject) return next();
    const counters: RateCounter[] = subject.startsWith('address:')
      ? [{ name: '*', limit: budget.address }]
      : [{ name: '*', limit: budget.tenant }, ...(address === undefined ? [] : [{ name: `@${address}`, limit: budget.address }])];
    const decision = await limiter.charge(`${group}|${budget.windowSeconds}s|${subject}`, budget.windowSeconds, counters);
    if (!decision) return next();
    const headers = {
      'ratelimit-limit': String(decision.limit),
      'ratelimit-remaining': String(decision.remaining),
      'ratelimit-reset': String(decision.retryAfterSeconds),
    };
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    if (!decision.allowed) {
      throw limitExceeded(
        'KERNEL_RATE_LIMITED',
        `Too many requests: at most ${decision.limit} per ${budget.windowSeconds} s here; try again in ${decision.retryAfterSeconds} s`,
        decision.retryAfterSeconds,
      );
    }
    await next();
    // A handler that returned a Response of its own did not get the headers set above.
    if (!c.res.headers.has('ratelimit-limit')) for (const [name, value] of Object.entries(headers)) c.header(name, value);
  };
}

/**
 * Decides which plugin routes and pages are limited, and by what: every write (any method but GET,
 * HEAD and OPTIONS) unless it declares `rateLimit: false`, and any route that declares a budget.
 * The group is the plugin's id unless the route names `<plugin id>.<name>`.
 */
export class RouteRateLimits {
  readonly #groups = new Set<string>();
  constructor(
    private readonly settings: RateLimitSettings,
    private readonly limiter: RateLimiterService,
  ) {}

  /** The middleware for one route or page (counted by address alone if public), or undefined when it is not limited. */
  for(pluginId: string, method: string, declared: RouteRateLimit | false | undefined, isPublic: boolean): MiddlewareHandler | undefined {
    if (declared === false || !isRateLimited(method, declared)) return undefined;
    const group = declared?.group ?? pluginId;
    if (!GROUP_NAME.test(group) || (group !== pluginId && !group.startsWith(`${pluginId}.`))) {
      throw new PluginBootError(BootErrorCode.INVALID_MANIFEST, `rate-limit group "${group}" must be "${pluginId}" or "${pluginId}.<name>"`, pluginId);
    }
    this.#groups.add(group);
    const budget = resolveBudget(this.settings, group, declared);
    return budget ? rateLimit(group, budget, this.limiter, { byAddress: isPublic }) : undefined;
  }

  /** Groups named in `RATE_LIMIT_WRITES` that no installed plugin uses (a typo would go unnoticed). */
  unknownGroups(pluginIds: readonly string[]): string[] {
    const known = new Set(['*', ...pluginIds, ...this.#groups]);
    return Object.keys(this.settings).filter((g) => !known.has(g));
  }
}

/**
 * A rate limiter's answer for one request. The kernel owns this shape; the `RateLimiter` Durable
 * Object returns it, so plugins never depend on the object itself.
 *
 * @example
 * const decision = await limiter.hit(`chat.messages|${tenantId}|${userId}`, perMinute, 60);
 * if (decision && !decision.allowed) throw limitExceeded('CHAT_RATE_LIMITED', `At most ${perMinute} messages a minute`, decision.retryAfterSeconds);
 */
export interface RateDecision {
  allowed: boolean;
  /** The limit of the counter reported (the one with the least left). */
  limit: number;
  /** Requests left in the current window after this one, on that counter. */
  remaining: number;
  /** Seconds until the window resets (when refused: how long to wait). */
  retryAfterSeconds: number;
}

/**
 * One counter charged by a request: e.g. the tenant's total, or one address within it.
 *
 * @example
 * await limiter.charge(`exports|${tenantId}`, 60, [{ name: '*', limit: 100 }, { name: `@${address}`, limit: 20 }]);
 */
export interface RateCounter {
  name: string;
  limit: number;
}

/**
 * Counts requests by key against a fixed window; `null` when no limiter is configured or it failed.
 *
 * @example
 * const limiter: RateLimiterService = ctx.service(coreServices.rateLimiter);
 * const decision = await limiter.hit(`chat.messages|${tenantId}|${userId}`, perMinute, 60);
 */
export interface RateLimiterService {
  /**
   * @example
   * const decision = await ctx.service(coreServices.rateLimiter).hit(`datasets.query|${tenantId}`, 300, 60);
   * if (decision && !decision.allowed) throw limitExceeded('DATASETS_SQL_RATE_LIMITED', '…', decision.retryAfterSeconds);
   */
  hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision | null>;
  /** Counts one request against several counters of one key in one call; refused if any is full. */
  charge(key: string, windowSeconds: number, counters: RateCounter[]): Promise<RateDecision | null>;
}

type Limiter = { charge(windowSeconds: number, counters: RateCounter[]): Promise<RateDecision> };

export function createRateLimiter(namespace: DurableObjectNamespace | undefined, logger: Logger): RateLimiterService {
  const charge: RateLimiterService['charge'] = async (key, windowSeconds, counters) => {
    if (!namespace) return null;
    // No request transaction stays open across the Durable Object call.
    await currentUnitOfWork()?.commit();
    try {
      return await (namespace.get(namespace.idFromName(key)) as unknown as Limiter).charge(windowSeconds, counters);
    } catch (error) {
      logger.warn('rate limiter unavailable; request let through', { key, error });
      return null;
    }
  };
  return { charge, hit: (key, limit, windowSeconds) => charge(key, windowSeconds, [{ name: '', limit }]) };
}
