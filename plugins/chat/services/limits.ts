import type { Database, RateLimiterService } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { chatRuns } from '../db/schema';
import { budgetExhausted, rateLimited } from '../errors';

/** Counts a message against its user's per-minute rate in the tenant; 429 `CHAT_RATE_LIMITED` over it. */
export async function chargeMessage(limiter: RateLimiterService, input: { tenantId: string; userId: string; perMinute: number }): Promise<void> {
  const decision = await limiter.hit(`chat.messages|${input.tenantId}|${input.userId}`, input.perMinute, 60);
  if (decision && !decision.allowed) throw rateLimited(input.perMinute, decision.retryAfterSeconds);
}

/** Seconds until the next calendar month (UTC), when the monthly budget starts again. */
export function secondsToNextMonth(now = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/** Model tokens (input, output and cache writes) the tenant's runs used this calendar month (UTC). */
export async function tokensThisMonth(tx: Database): Promise<number> {
  const [row] = await tx
    .select({
      used: sql<string>`coalesce(sum(${chatRuns.inputTokens} + ${chatRuns.outputTokens} + ${chatRuns.cacheCreationInputTokens}), 0)`,
    })
    .from(chatRuns)
    .where(sql`${chatRuns.createdAt} >= date_trunc('month', now() at time zone 'utc') at time zone 'utc'`);
  return Number(row?.used ?? 0);
}

/** 429 `CHAT_BUDGET_EXHAUSTED` (Retry-After: the next month) once the tenant's monthly tokens are spent. */
export async function checkBudget(tx: Database, monthlyTokens: number): Promise<void> {
  if ((await tokensThisMonth(tx)) >= monthlyTokens) throw budgetExhausted(secondsToNextMonth());
}
