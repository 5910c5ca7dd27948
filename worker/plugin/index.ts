/**
 * `atoll/plugin`: the public plugin API, and the only module a third-party plugin imports.
 */
export { definePlugin, defineRoute, definePage } from './define';
export { createServiceRef, createExtensionPoint } from './refs';
export { coreServices } from './core-services';
export type { HostInfo } from './core-services';
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
  JobTypeDefinition,
  ChatToolDefinition,
  ChatToolContext,
} from './types';
export { AtollError, notFound, conflict, forbidden, validationFailed, limitExceeded } from '../errors';
export type { ErrorKind, FieldError } from '../errors';
export { getDb } from '../db/request-db';
export type { Database } from '../db/database';
export { problemResponses, ProblemSchema } from '../http/problem-schema';
export { createRoute, z } from '@hono/zod-openapi';
export type { Logger } from '../logger';
