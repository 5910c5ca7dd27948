/**
 * `atoll/plugin`: the public plugin API, and the only module a third-party plugin imports.
 * docs/plugins.md is the guide. The export list is pinned by test/node/plugin-exports.test.ts
 * and follows semver: no drizzle tables or Durable Object internals here, only kernel-owned names.
 */

export { createRoute, z } from '@hono/zod-openapi';
export type { QueueProducer } from '../../queues/producer';
export { parseForm, redirectTo, validateForm } from '../../views/forms';
export type { HomeExtension, HomeSource, HomeStep, RecentItem } from '../../views/home-registry';
export type { HeaderWidget, LayoutExtension, Theme } from '../../views/layout-registry';
export { safeNextPath } from '../../views/next-path';
export { TENANT_COOKIE } from '../access/access-control';
export { getPrincipal, getTenant, getUser, setTenantRef } from '../access/context';
export type {
  AccessExtension,
  ApiKeyPrincipal,
  Authenticator,
  Principal,
  RouteAccess,
  TenantContext,
  TenantResolver,
  TenantRole,
  UserPrincipal,
} from '../access/types';
export { roleAtLeast, TENANT_ROLES } from '../access/types';
export type { Actor, AuditEntry, StoredAuditEntry } from '../db/audit';
export { actorOf, deleteAuditEntries, listAuditEntries, recordAudit } from '../db/audit';
export type { Database } from '../db/database';
export { containsPattern } from '../db/like-pattern';
export { afterCommit, commitNow, getDb, getDetachedDb } from '../db/request-db';
export { finiteDouble, internalQueryError } from '../db/server-query';
export type { Scope } from '../db/tenant-scope';
export { runInScope, runInTenant, withTenant } from '../db/tenant-scope';
export type { ErrorKind, FieldError } from '../errors';
export { AtollError, conflict, forbidden, limitExceeded, notFound, validationFailed } from '../errors';
export { apiUrl } from '../http/api-url';
export { clientAddress } from '../http/client-address';
export type { FormPart } from '../http/multipart';
export { multipart } from '../http/multipart';
export type { HeaderComponent } from '../http/openapi-components';
export { headerRefs } from '../http/openapi-components';
export { toAtollError } from '../http/problem';
export { ProblemSchema, problemResponses } from '../http/problem-schema';
export type { RateCounter, RateDecision, RateLimiterService, RouteRateLimit } from '../http/rate-limit';
export type { Logger } from '../logger';
export type { RealtimeEvent, RealtimeEventInput, RealtimePublisher } from '../realtime/publisher';
export type { ListResult, ObjectBody, ObjectInfo, ObjectStorage } from '../storage/object-storage';
export { MAX_PRESIGN_SECONDS } from '../storage/object-storage';
export type { ApiScopes } from './api-scopes';
export type { ChatTools, HostInfo, JobTypes } from './core-services';
export { coreExtensionPoints, coreServices } from './core-services';
export { CURSOR_PARTS, decodeCursor, encodeCursor } from './cursor';
export { definePage, definePlugin, defineRoute } from './define';
export type { ExtensionPoint, ServiceRef } from './refs';
export { createExtensionPoint, createServiceRef } from './refs';
export { TOOL_TEXT_ROWS, type ToolTableInput, toolTable } from './tool-table';
export type {
  AnyPluginManifest,
  AppContext,
  AppEnv,
  ChatToolContext,
  ChatToolDefinition,
  ChatToolResult,
  ChatToolTable,
  JobResourceContext,
  JobTypeDefinition,
  PageDefinition,
  PluginContext,
  PluginManifest,
  QueueDefinition,
  QueueMessageContext,
  RouteDefinition,
  ScheduledContext,
  SetupContext,
} from './types';
export { isWellFormedText, NOT_WELL_FORMED, storableString, wellFormedString } from './well-formed';
