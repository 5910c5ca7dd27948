import type { RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import type { Principal, RouteAccess, TenantRole } from '../access/types';
import type { Database } from '../db/database';
import type { RouteRateLimit } from '../http/rate-limit';
import type { Logger } from '../logger';
import type { ExtensionPoint, ServiceRef } from './refs';

/**
 * The Hono environment every kernel and plugin handler runs in. Typed context variables come from
 * augmenting Hono's `ContextVariableMap`, not from here.
 *
 * @example
 * ctx.use('/api/v1/widgets/*', createMiddleware<AppEnv>(async (c, next) => { c.header('x-widgets', '1'); await next(); }));
 */
export interface AppEnv {
  Bindings: Record<string, unknown>;
}

/**
 * The request context handlers, pages and services get.
 *
 * @example
 * export const serviceCtx = (c: AppContext) => ({ db: getDb(c), actor: actorOf(c.get('principal')), request: c });
 */
export type AppContext = Context<AppEnv>;

/**
 * What a plugin sees at boot and keeps for its handlers. `config` is its validated settings.
 *
 * @example
 * routes: (ctx) => tenantRoutes(ctx.service(coreServices.storage)),
 */
export interface PluginContext<Config = unknown> {
  readonly id: string;
  readonly config: Config;
  readonly logger: Logger;
  /** A service provided by this plugin, a plugin it requires, or the kernel. */
  service<T>(ref: ServiceRef<T>): T;
}

/**
 * What `setup` gets: the plugin context, plus providing services, registering and extending
 * extension points, and adding middleware.
 *
 * @example
 * setup: (ctx) => {
 *   ctx.provide(projectsServiceRef, projectsService);
 *   ctx.extensionPoint(coreExtensionPoints.layout).addHeaderWidget(TenantSwitcher, 20);
 * },
 */
export interface SetupContext<Config = unknown> extends PluginContext<Config> {
  /** Provides a service under this plugin's namespace (`<id>.<name>`). */
  provide<T>(ref: ServiceRef<T>, implementation: T): void;
  /** Registers an extension point this plugin owns, for the plugins that require it to extend. */
  registerExtensionPoint<T>(point: ExtensionPoint<T>, implementation: T): void;
  /** An extension point of a required plugin; only during setup. */
  extensionPoint<T>(point: ExtensionPoint<T>): T;
  /** Adds middleware that runs on every request after the kernel's, in plugin order. */
  use(path: string, middleware: MiddlewareHandler<AppEnv>): void;
}

/**
 * An OpenAPI route and its handler; the path is relative to `/api/v1`. Make one with `defineRoute`.
 * Its `operationId` must be `<plugin id>.<verbNoun>` (boot refuses it otherwise).
 *
 * @example
 * routes: (ctx): RouteDefinition[] => [defineRoute(listRoute, listHandler, { access: { tenantRole: 'viewer', scopes: ['projects:read'] } })],
 */
export interface RouteDefinition {
  readonly route: RouteConfig;
  readonly handler: (c: AppContext) => Response | Promise<Response>;
  /** Request body limit for this route; defaults to the kernel's `MAX_BODY_BYTES`. */
  readonly bodyLimitBytes?: number;
  /** Who may call it; default: an authenticated user. */
  readonly access?: RouteAccess;
  /** Mount at the path as given instead of under `/api/v1` (e.g. `/.well-known/jwks.json`). */
  readonly mountAtRoot?: boolean;
  /**
   * Writes (every method but GET, HEAD, OPTIONS) count against the plugin's group budget
   * (`RATE_LIMIT_WRITES`) per client address and per tenant; over it: 429 + Retry-After. Name a
   * group of your own (`<plugin id>.<name>`) with its default budget, or `false` for a route whose
   * traffic is bounded otherwise. A read that declares one is limited too.
   */
  readonly rateLimit?: RouteRateLimit | false;
}

/**
 * A page or partial under `/app`, rendered with hono/jsx. Make one with `definePage`.
 *
 * @example
 * views: (): PageDefinition[] => [definePage({ path: '/projects', title: 'Projects', access: { tenantRole: 'viewer' }, render: ProjectsPage })],
 */
export interface PageDefinition {
  /** Path under `/app`, e.g. `/system`. */
  readonly path: string;
  readonly method?: 'get' | 'post' | 'put' | 'patch' | 'delete';
  readonly title: string;
  /** Shown in the navigation when set; lower `order` comes first. */
  readonly nav?: { label?: string; order?: number };
  /** A partial is returned bare (for HTMX swaps); a page is wrapped in the layout. */
  readonly partial?: boolean;
  /** Who may see it; default: a signed-in user (others are sent to the login page). */
  readonly access?: RouteAccess;
  /** As for routes: a form post counts against its plugin's write budget unless this says otherwise. */
  readonly rateLimit?: RouteRateLimit | false;
  /** Body limit of a form post (e.g. an upload form); defaults to the kernel's `MAX_BODY_BYTES`. */
  readonly bodyLimitBytes?: number;
  readonly render: (c: AppContext) => Child | Response | Promise<Child | Response>;
}

/**
 * What a queue handler gets besides the payload. `db` is a plain connection (no request
 * transaction): bind tenant work with `runInTenant(ctx.db, tenantId, ...)`.
 *
 * @example
 * handler: (payload, ctx) => ingestDataset({ db: ctx.db, logger: ctx.logger }, payload),
 */
export interface QueueMessageContext {
  readonly plugin: PluginContext<unknown>;
  readonly db: Database;
  readonly logger: Logger;
  readonly messageId: string;
  readonly attempts: number;
}

/**
 * A queue message type (`<plugin>.<name>`): its payload schema and handler. Delivery is at least
 * once, so handlers must be idempotent; a handler that throws is retried with backoff.
 *
 * @example
 * queues: {
 *   'datasets.ingest': { schema: IngestPayload, retryDelaySeconds: 10, handler: (payload, ctx) => ingest(ctx.db, payload) },
 * },
 */
export interface QueueDefinition<Payload = unknown> {
  readonly schema: z.ZodType<Payload>;
  readonly handler: (payload: Payload, ctx: QueueMessageContext) => Promise<void>;
  /** Retry delay base in seconds; doubles per attempt. Default 5. */
  readonly retryDelaySeconds?: number;
  /**
   * Called for a message that ran out of retries and reached the dead-letter queue (a queue whose
   * name ends in `-dlq`), e.g. to mark the work failed. Without it the message is logged and dropped.
   */
  readonly onDeadLetter?: (payload: Payload, ctx: QueueMessageContext) => Promise<void>;
}

/**
 * What a plugin's `scheduled` hook gets on each cron trigger; `db` is a plain connection.
 *
 * @example
 * scheduled: async (ctx: ScheduledContext) => {
 *   const swept = await failStaleRuns(ctx.db);
 *   if (swept.length > 0) ctx.logger.warn('stale runs failed', { count: swept.length });
 * },
 */
export interface ScheduledContext {
  readonly plugin: PluginContext<unknown>;
  readonly db: Database;
  readonly logger: Logger;
  /** The cron expression that fired (see `triggers.crons` in wrangler.jsonc). */
  readonly cron: string;
  readonly scheduledTime: Date;
}

/**
 * What a job type's resource handler gets: the job's tenant, id and validated input.
 *
 * @example
 * resources: {
 *   'schema.json': async (ctx: JobResourceContext) => Response.json(await runInTenant(ctx.db, ctx.tenantId, (tx) => readSchema(tx, ctx.input))),
 * },
 */
export interface JobResourceContext {
  /** The plugin that declared the job type. */
  readonly plugin: PluginContext<unknown>;
  readonly db: Database;
  readonly logger: Logger;
  /** The job's tenant: read its data with `runInTenant(db, tenantId, ...)`. */
  readonly tenantId: string;
  readonly jobId: string;
  /** The job's validated input. */
  readonly input: unknown;
}

/**
 * A job type (`<plugin>.<name>`) that runners execute: its input and result schemas, the lease a
 * runner holds per attempt and how many attempts it gets.
 *
 * @example
 * jobs: {
 *   'datasets.export': { input: ExportInput, result: ExportResult, leaseSeconds: 120, maxAttempts: 3, taskDefinition: 'atoll-runner', scopes: ['datasets:read'] },
 * },
 */
export interface JobTypeDefinition {
  readonly input: z.ZodType;
  readonly result: z.ZodType;
  readonly leaseSeconds: number;
  readonly maxAttempts: number;
  /** ECS task definition family that runs this type (see the jobs plugin). */
  readonly taskDefinition?: string;
  /**
   * API-key scopes a key needs, besides `jobs:write`, to create a job of this type, because the job
   * reads what those scopes guard (e.g. `datasets:read` for a dataset export).
   */
  readonly scopes?: readonly string[];
  /**
   * Data a runner may read while it holds a job of this type, by name (the jobs plugin serves them
   * to the assignment's runner only). Runners get no database or storage credentials of their own.
   */
  readonly resources?: Readonly<Record<string, (ctx: JobResourceContext) => Promise<Response>>>;
}

/**
 * What a chat tool's `run` gets: the caller's tenant, principal and role, and an abort signal.
 *
 * @example
 * run: async (input, ctx: ChatToolContext) => {
 *   const rows = await runInTenant(ctx.db, ctx.tenantId, (tx) => searchThings(tx, input.query));
 *   return { text: JSON.stringify(rows) };
 * },
 */
export interface ChatToolContext {
  /** The plugin that contributed the tool (its config, logger and services). */
  readonly plugin: PluginContext<unknown>;
  readonly db: Database;
  readonly logger: Logger;
  /** The tenant the caller acts in; read its rows with `runInTenant(db, tenantId, ...)`. */
  readonly tenantId: string;
  /** Who called: a user (assistant, direct call) or an API key (MCP). Tools act with its rights, never more. */
  readonly principal: Principal;
  /** The caller's role in the tenant (an API key's role for a key). */
  readonly role: TenantRole;
  /** Aborted when the call times out, the run is cancelled or the client goes away. */
  readonly signal: AbortSignal;
}

/**
 * A table in a tool result: pages render it as HTML, MCP sends it as structured content. Build it
 * with `toolTable`.
 *
 * @example
 * const table: ChatToolTable = { columns: ['region', 'total'], rows: [['north', 12]], truncated: false };
 */
export interface ChatToolTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  /** Rows left out of `rows` (a row cap), so readers know the table is partial. */
  readonly truncated?: boolean;
}

/**
 * What a tool returns. The model reads `text` (the host bounds it); pages also show `table` and `svg`.
 *
 * @example
 * const { text, table } = toolTable({ columns: ['name', 'id'], rows });
 * return { text, table, summary: `${rows.length} rows` } satisfies ChatToolResult;
 */
export interface ChatToolResult {
  /** The answer for the model, e.g. a compact table or a short JSON document. */
  readonly text: string;
  /** One line for tool-call headers and event streams, e.g. `12 rows`. */
  readonly summary?: string;
  readonly table?: ChatToolTable;
  /** A chart as standalone SVG markup built by the tool itself (never from model or user text). */
  readonly svg?: string;
}

/**
 * A tool the assistant (and MCP clients) may call. It runs with the caller's tenant, role and API-key
 * scopes: the host checks `minRole` and `scopes` before `run`, validates the input with `input`,
 * bounds the time (`timeoutMs`) and the result, and turns a thrown error into a tool error the model
 * reads (an `AtollError`'s message is shown; any other error is logged and reported generically).
 *
 * @example
 * chatTools: [{
 *   name: 'projects_count', description: 'How many projects the tenant has.',
 *   input: z.object({}), minRole: 'viewer', scopes: ['projects:read'],
 *   run: async (_input, ctx) => ({ text: String(await countProjects(ctx.db, ctx.tenantId)) }),
 * }]
 */
export interface ChatToolDefinition<Input = unknown> {
  /** `<plugin_id>_<name>` in snake case (the model's tool-name alphabet has no dots). */
  readonly name: string;
  /** What the model reads to decide when to call it: what it does, what it returns, its limits. */
  readonly description: string;
  readonly input: z.ZodType<Input>;
  /** The least tenant role that may call it; default `viewer`. */
  readonly minRole?: TenantRole;
  /** API-key scopes a key needs to see and call it (MCP); users are checked by role only. */
  readonly scopes?: readonly string[];
  /** It changes data: the assistant asks the user before running it, and keys need its scopes. */
  readonly writes?: boolean;
  /** Per-call time limit; default the chat plugin's `CHAT_TOOL_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
  readonly run: (input: Input, ctx: ChatToolContext) => Promise<ChatToolResult>;
}

/** A plugin's config schema: an object whose keys are read from `<PLUGIN_ID>_<KEY>` variables. */
export type PluginConfigSchema = z.ZodObject;
type ConfigOf<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * What a plugin contributes; `definePlugin` returns a factory of one. The host validates it at boot.
 *
 * @example
 * export const helloPlugin = definePlugin(() => ({ id: 'hello', version: '1.0.0', host: '^0.1.0', routes: () => [defineRoute(helloRoute, (c) => c.json({ hello: 'world' }, 200))] }));
 */
export interface PluginManifest<S extends PluginConfigSchema | undefined = PluginConfigSchema | undefined> {
  /** Kebab-case id: route tag, table prefix, and the namespace of queue, job and tool names. */
  readonly id: string;
  readonly version: string;
  readonly description?: string;
  /** Ids of plugins that must be installed and set up first. */
  readonly requires?: readonly string[];
  /** npm semver range of host versions this plugin supports, e.g. `^0.1.0` (read by the `semver` package, as npm reads it). */
  readonly host?: string;
  readonly config?: S;
  readonly routes?: (ctx: PluginContext<ConfigOf<S>>) => RouteDefinition[];
  readonly views?: (ctx: PluginContext<ConfigOf<S>>) => PageDefinition[];
  /**
   * Folder of drizzle-kit SQL migrations: relative to the project root (first-party plugins), or a
   * `file:` URL, which a package computes from its own location so it works wherever it is installed:
   * `migrations: import.meta.url ? new URL('../migrations/', import.meta.url).href : undefined` (the
   * Node scripts that migrate read it; inside workerd `import.meta.url` is undefined).
   */
  readonly migrations?: string;
  readonly queues?: Readonly<Record<string, QueueDefinition<any>>>;
  readonly jobs?: Readonly<Record<string, JobTypeDefinition>>;
  readonly chatTools?: readonly ChatToolDefinition<any>[];
  /**
   * Runs on every cron trigger of the Worker (sweeps, dispatchers). Keep it short and idempotent:
   * triggers can overlap and a failure is only logged (the next trigger runs it again).
   */
  readonly scheduled?: (ctx: ScheduledContext) => Promise<void>;
  readonly setup?: (ctx: SetupContext<ConfigOf<S>>) => void | Promise<void>;
}

/**
 * Any manifest, whatever its config type.
 *
 * @example
 * const plugins: AnyPluginManifest[] = [authPlugin(), tenantsPlugin(), projectsPlugin()];
 */
export type AnyPluginManifest = PluginManifest<any>;
