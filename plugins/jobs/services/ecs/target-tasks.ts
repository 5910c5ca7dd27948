/** The knobs of the scaling formula. */
export interface ScalingParams {
  /** s: how steeply the task count grows with the logarithm of the backlog. */
  s: number;
  /** f: the backlog size that counts as one step (pending / f). */
  f: number;
  min: number;
  max: number;
}

/**
 * How many runner tasks should exist for `pending` waiting jobs:
 * clamp(round(s * ln(pending / f + 1) + min), min, max), and at least one while work is pending
 * (if `max` allows any). Logarithmic so a large backlog does not start a task per job.
 *
 * @example
 * targetTasks(100, { s: 2, f: 10, min: 0, max: 10 }); // 5  (2 * ln 11 = 4.80)
 * targetTasks(1, { s: 2, f: 10, min: 0, max: 10 });   // 1  (0.19 rounds to 0, but work is pending)
 */
export function targetTasks(pending: number, { s, f, min, max }: ScalingParams): number {
  const backlog = Math.max(0, Number.isFinite(pending) ? pending : 0);
  const raw = Math.round(s * Math.log(backlog / f + 1) + min);
  const target = Math.min(Math.max(raw, min), max);
  return backlog > 0 && max > 0 ? Math.max(target, 1) : target;
}
