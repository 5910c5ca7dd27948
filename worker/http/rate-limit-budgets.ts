import { z } from 'zod';

/** Requests per window from one client address, and per tenant (or per caller outside a tenant). */
export interface RateBudget {
  address: number;
  tenant: number;
  windowSeconds: number;
}

/**
 * What a route declares (`defineRoute(route, handler, { rateLimit })`): the group whose budget and
 * counters it shares, and its own default budget (the operator's `RATE_LIMIT_WRITES` entry for the
 * group still wins). Writes (every method but GET, HEAD and OPTIONS) are limited by default in the
 * group named by their plugin's id; `rateLimit: false` exempts a route, and a read declaring one
 * is limited too.
 *
 * @example
 * const rateLimit: RouteRateLimit = { group: 'datasets.exports', tenant: 100, windowSeconds: 60 };
 * defineRoute(exportRoute, handler, { access: { tenantRole: 'member' }, rateLimit });
 */
export interface RouteRateLimit extends Partial<RateBudget> {
  /** `<plugin id>` (the default) or `<plugin id>.<name>`: routes of one group share counters. */
  group?: string;
}

/** The budget of every write route whose group sets nothing else. */
export const DEFAULT_WRITE_BUDGET: RateBudget = { address: 120, tenant: 600, windowSeconds: 60 };

export const GROUP_NAME = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/;

const count = z.number().int().min(1).max(1_000_000);
const budget = z.strictObject({ address: count.optional(), tenant: count.optional(), windowSeconds: z.number().int().min(1).max(86_400).optional() });

/**
 * `RATE_LIMIT_WRITES`: a JSON object from group (`*` for every group) to a partial budget, or
 * `false` to turn the group's limit off. Blank: the defaults.
 *
 * @example
 * RATE_LIMIT_WRITES={"*":{"address":60},"projects":{"tenant":100},"auth.register":{"address":3,"windowSeconds":3600}}
 */
export const rateLimitSettings = z.preprocess(
  (v) => {
    if (v === '' || v === undefined) return {};
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  },
  z.record(
    z.string().refine((g) => g === '*' || GROUP_NAME.test(g), 'group names are `*`, a plugin id, or `<plugin id>.<name>`'),
    z.union([z.literal(false), budget], { error: 'must be false or an object with address, tenant and windowSeconds (positive integers)' }),
    { error: 'must be a JSON object from route group to budget, e.g. {"projects":{"tenant":100}}' },
  ),
);

export type RateLimitSettings = z.output<typeof rateLimitSettings>;

/**
 * The budget a route counts against, or undefined when it is not limited. Later sources win:
 * the kernel's default, the operator's `*`, the route's declaration, the operator's entry for the
 * group. `"*": false` turns off the default, not a budget a route declares for its own group.
 */
export function resolveBudget(settings: RateLimitSettings, group: string, declared: RouteRateLimit | undefined): RateBudget | undefined {
  const own = settings[group];
  const all = settings['*'];
  if (own === false || (all === false && !declared)) return undefined;
  return { ...DEFAULT_WRITE_BUDGET, ...defined(all || {}), ...defined({ ...declared, group: undefined }), ...defined(own || {}) };
}

const defined = (budget: Partial<RateBudget> & { group?: string }): Partial<RateBudget> => Object.fromEntries(Object.entries(budget).filter(([key, value]) => key !== 'group' && value !== undefined));
