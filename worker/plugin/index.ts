/**
 * `atoll/plugin`: the public plugin API, and the only module a third-party plugin imports.
 * docs/plugins.md is the guide. The export list is pinned by test/node/plugin-exports.test.ts
 * and follows semver: no drizzle tables or Durable Object internals here, only kernel-owned names.
 */
export { definePlugin, defineRoute, definePage } from './define';
export { createServiceRef, createExtensionPoint } from './refs';
export { coreServices, coreExtensionPoints } from './core-services';
export type { ChatTools, HostInfo, JobTypes } from './core-services';
export type { ApiScopes } from './api-scopes';
export { toolTable, TOOL_TEXT_ROWS, type ToolTableInput } from './tool-table';
export type { ServiceRef, ExtensionPoint } from './refs';
export type {
  AppEnv,
  AppContext,
  PluginContext,
  SetupContext,
  PluginManifest,
  AnyPluginManifest,
  RouteDefinition,
  PageDefinition,
  QueueDefinition,
  QueueMessageContext,
  ScheduledContext,
  JobTypeDefinition,
  JobResourceContext,
  ChatToolDefinition,
  ChatToolContext,
  ChatToolResult,
  ChatToolTable,
} from './types';
export { AtollError, notFound, conflict, forbidden, validationFailed, limitExceeded } from '../errors';
export { toAtollError } from '../http/problem';
export { CURSOR_PARTS, decodeCursor, encodeCursor } from './cursor';
export type { ErrorKind, FieldError } from '../errors';
export { afterCommit, commitNow, getDb, getDetachedDb } from '../db/request-db';
export { withTenant, runInTenant, runInScope } from '../db/tenant-scope';
export { finiteDouble, internalQueryError } from '../db/server-query';
export { containsPattern } from '../db/like-pattern';
export type { Scope } from '../db/tenant-scope';
export { recordAudit, actorOf, listAuditEntries, deleteAuditEntries } from '../db/audit';
export type { AuditEntry, Actor, StoredAuditEntry } from '../db/audit';
export { getPrincipal, getTenant, getUser, setTenantRef } from '../access/context';
export { roleAtLeast, TENANT_ROLES } from '../access/types';
export { TENANT_COOKIE } from '../access/access-control';
export type {
  Principal,
  UserPrincipal,
  ApiKeyPrincipal,
  TenantContext,
  TenantRole,
  RouteAccess,
  Authenticator,
  TenantResolver,
  AccessExtension,
} from '../access/types';
export type { Database } from '../db/database';
export { problemResponses, ProblemSchema } from '../http/problem-schema';
export { headerRefs } from '../http/openapi-components';
export { apiUrl } from '../http/api-url';
export type { HeaderComponent } from '../http/openapi-components';
export { createRoute, z } from '@hono/zod-openapi';
export { isWellFormedText, wellFormedString, storableString, NOT_WELL_FORMED } from './well-formed';
export type { Logger } from '../logger';
export type { LayoutExtension, HeaderWidget, Theme } from '../../views/layout-registry';
export type { HomeExtension, HomeSource, HomeStep, RecentItem } from '../../views/home-registry';
export type { ObjectStorage, ObjectInfo, ObjectBody, ListResult } from '../storage/object-storage';
export { MAX_PRESIGN_SECONDS } from '../storage/object-storage';
export { parseForm, redirectTo, validateForm } from '../../views/forms';
export { safeNextPath } from '../../views/next-path';
export { multipart } from '../http/multipart';
export { clientAddress } from '../http/client-address';
export type { RouteRateLimit, RateLimiterService, RateDecision, RateCounter } from '../http/rate-limit';
export type { FormPart } from '../http/multipart';
export type { QueueProducer } from '../../queues/producer';
export type { RealtimePublisher, RealtimeEvent, RealtimeEventInput } from '../realtime/publisher';
