// The conformance suite's pieces: the plugin's operations, and failure collection (every operation
// is checked and every failure listed, so one run names every route that breaks a rule).
import { expect } from 'vitest';
import type { AtollApp } from '../../app';
import { routePath } from '../../http/mount-routes';
import type { RouteDefinition } from '../types';
import { type ApiDocument, labelOf, type Operation, pathSlots } from './api-document';
import { queryKey } from './examples';
import { type Answer, describeAnswer, problemDefect } from './problem';
import { slotKey, type World } from './world';

export type Failures = string[];

/** A route as the document lists it: `POST /api/v1/projects`. */
export const routeKey = (r: RouteDefinition) => `${r.route.method.toUpperCase()} ${routePath(r.route.path, r.mountAtRoot)}`;

/** `<plugin>.<verbNoun>`, as the host's boot check (worker/plugin/conventions.ts) requires. */
export const CONVENTIONAL_ID = (pluginId: string) => new RegExp(`^${pluginId.replace(/-/g, '\\-')}\\.[a-z][a-zA-Z0-9]{0,63}$`);

/** A caller of the wrong kind (a user on a runners' route, a key on an account route), refused before any lookup. */
export const refusedByKind = (answer: Answer) => answer.status === 403 && answer.body?.code === 'KERNEL_FORBIDDEN';

/** The plugin's documented operations: those at the method and path of one of its routes. */
export function operationsOf(atoll: AtollApp, api: ApiDocument, pluginId: string): Operation[] {
  const plugin = atoll.registry.plugins.find((p) => p.manifest.id === pluginId);
  if (!plugin) throw new Error(`the plugin "${pluginId}" is not installed`);
  const served = new Set(plugin.routes.map(routeKey));
  return api.operations.filter((op) => served.has(`${op.method} ${op.path}`));
}

/** Every resource key a request for `op` needs: path slots, query values and body properties. */
export const neededKeys = (w: World, op: Operation) => [
  ...pathSlots(op.path).map((slot) => slotKey(w, slot)),
  ...op.params.filter((p) => p.in === 'query').flatMap((p) => queryKey(w, op, p.name) ?? []),
  ...Object.keys(w.resources).filter((key) => key.startsWith('body/')),
];

/** Records in `failures` why `answer` is not a problem+json with one of `statuses`. */
export function check(failures: Failures, what: string, answer: Answer, statuses: number[]): void {
  const defect = problemDefect(answer);
  if (!statuses.includes(answer.status)) failures.push(`${what}: expected ${statuses.join(' or ')}, got ${describeAnswer(answer)}`);
  else if (defect) failures.push(`${what}: ${defect}: ${describeAnswer(answer)}`);
}

/** Runs `checkOne` for each operation in turn (a request that throws is a failure too), then asserts none failed. */
export async function checkResponses(ops: readonly Operation[], checkOne: (op: Operation, failures: Failures) => Promise<void>): Promise<void> {
  const failures: Failures = [];
  for (const op of ops) {
    try {
      await checkOne(op, failures);
    } catch (error) {
      failures.push(`${labelOf(op)}: ${(error as Error).stack ?? error}`);
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
}
