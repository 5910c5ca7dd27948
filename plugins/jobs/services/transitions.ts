import type { Database, RealtimePublisher } from 'atoll/plugin';
import { type JobStatus, jobEvents } from '../db/schema';

/** Realtime topic of every job event. */
export const JOBS_TOPIC = 'jobs';

/** One status change of one job. */
export interface Transition {
  jobId: string;
  tenantId: string;
  type: string;
  from: JobStatus | null;
  to: JobStatus;
  actor: string;
  detail?: Record<string, unknown>;
}

/** Records transitions in `jobs_events`, in the caller's transaction (with the change itself). */
export async function recordTransitions(tx: Database, transitions: readonly Transition[]): Promise<void> {
  if (transitions.length === 0) return;
  await tx.insert(jobEvents).values(transitions.map((t) => ({ jobId: t.jobId, tenantId: t.tenantId, fromStatus: t.from, toStatus: t.to, actor: t.actor, detail: t.detail ?? null })));
}

/**
 * Publishes transitions to each job's tenant hub (after commit): type `job.<status>` in lower case,
 * data `{ jobId, type, status }`. Best effort, as the publisher never throws.
 */
export async function publishTransitions(realtime: RealtimePublisher, transitions: readonly Transition[]): Promise<void> {
  await Promise.all(transitions.map((t) => realtime.publish(t.tenantId, { topic: JOBS_TOPIC, type: `job.${t.to.toLowerCase()}`, data: { jobId: t.jobId, type: t.type, status: t.to } })));
}

/** The actor string of an event: `user:<id>` or `api_key:<id>`. */
export const actorString = (kind: 'user' | 'api_key', id: string) => `${kind}:${id}`;
