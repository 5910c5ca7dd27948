import type { Context } from 'hono';
import type { TenantContext } from '../worker/access/types';

/**
 * A getting-started step on the signed-in home page: done or not, from the plugin's own data.
 *
 * @example
 * const step: HomeStep = { order: 20, label: 'Upload a dataset', href: '/app/datasets', done: items.length > 0 };
 */
export interface HomeStep {
  label: string;
  /** Where to do it. */
  href: string;
  done: boolean;
  /** Position in the checklist (lower first). */
  order: number;
}

/**
 * Something the user worked on lately (a dataset, a dashboard, a project).
 *
 * @example
 * const recent: RecentItem[] = items.map((p) => ({ kind: 'Project', label: p.name, href: `/app/projects/${p.id}`, at: p.updatedAt.toISOString() }));
 */
export interface RecentItem {
  /** What it is, in plain words: "Dataset". */
  kind: string;
  label: string;
  href: string;
  /** When it last changed: ISO 8601 UTC. */
  at: string;
}

/**
 * What a plugin adds to the signed-in home page for this request. `tenant` is the browser's
 * current tenant (the switcher's), or undefined when none is chosen.
 *
 * @example
 * export const projectsHome: HomeSource = async (c, tenant) => {
 *   if (!tenant) return {};
 *   const { items } = await listProjects({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: 5, sort: 'updatedAt' } });
 *   return { recent: items.map((p) => ({ kind: 'Project', label: p.name, href: `/app/projects/${p.id}`, at: p.updatedAt.toISOString() })) };
 * };
 */
export type HomeSource = (c: Context, tenant: TenantContext | undefined) => Promise<HomeParts>;

/** A source's part of the page. */
export interface HomeParts {
  steps?: HomeStep[];
  recent?: RecentItem[];
}

/**
 * The signed-in home page's checklist and recent items, contributed by plugins.
 *
 * @example
 * setup: (ctx) => ctx.extensionPoint(coreExtensionPoints.home).addSource(dashboardsHome),
 */
export interface HomeExtension {
  addSource(source: HomeSource): void;
}

export interface HomeContent {
  steps: HomeStep[];
  recent: RecentItem[];
}

const RECENT_LIMIT = 8;

export class HomeRegistry implements HomeExtension {
  readonly #sources: HomeSource[] = [];

  addSource(source: HomeSource): void {
    this.#sources.push(source);
  }

  /** Every source's steps (in `order`) and the newest recent items; a failing source is left out, never the page. */
  async collect(c: Context, tenant: TenantContext | undefined): Promise<HomeContent> {
    // One after another: they share the request's database connection.
    const parts: HomeParts[] = [];
    for (const source of this.#sources) {
      parts.push(
        await source(c, tenant).catch((error: unknown) => {
          c.get('logger')?.warn('home source failed', { error });
          return {};
        }),
      );
    }
    return {
      steps: parts.flatMap((p) => p.steps ?? []).sort((a, b) => a.order - b.order),
      recent: parts
        .flatMap((p) => p.recent ?? [])
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, RECENT_LIMIT),
    };
  }
}
