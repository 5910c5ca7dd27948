// The public plugin API (`atoll/plugin`) follows semver: every name it exports is listed here, so
// adding, removing or renaming one fails this test until the list is edited on purpose (and the
// change is versioned, see docs/plugins.md). It also keeps kernel internals out: nothing exported
// may be, or mention in its type, a drizzle table or a declaration under durable-objects/.
import { join } from 'node:path';
import type ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgram, type Export, exportsOf, FORBIDDEN, inRepo, problemsOf, repoPath, root } from './export-surface';

const ENTRY = join(root, 'worker/plugin/index.ts');

let checker: ts.TypeChecker;
let program: ts.Program;
let exported: Export[];

beforeAll(() => {
  program = createProgram([ENTRY]);
  checker = program.getTypeChecker();
  exported = exportsOf(checker, program.getSourceFile(ENTRY)!);
});

describe('atoll/plugin (worker/plugin/index.ts)', () => {
  it('exports exactly these names: change the list on purpose, and version the change (docs/plugins.md)', () => {
    const list = exported.map((e) => `${e.name}: ${e.kind}`).sort();
    expect(list).toEqual([
      'AccessExtension: type',
      'Actor: type',
      'AnyPluginManifest: type',
      'ApiKeyPrincipal: type',
      'ApiScopes: type',
      'AppContext: type',
      'AppEnv: type',
      'AtollError: value',
      'AuditEntry: type',
      'Authenticator: type',
      'CURSOR_PARTS: value',
      'ChatToolContext: type',
      'ChatToolDefinition: type',
      'ChatToolResult: type',
      'ChatToolTable: type',
      'ChatTools: type',
      'Database: type',
      'ErrorKind: type',
      'ExtensionPoint: type',
      'FieldError: type',
      'FormPart: type',
      'HeaderComponent: type',
      'HeaderWidget: type',
      'HomeExtension: type',
      'HomeSource: type',
      'HomeStep: type',
      'HostInfo: type',
      'JobResourceContext: type',
      'JobTypeDefinition: type',
      'JobTypes: type',
      'LayoutExtension: type',
      'ListResult: type',
      'Logger: type',
      'MAX_PRESIGN_SECONDS: value',
      'NOT_WELL_FORMED: value',
      'ObjectBody: type',
      'ObjectInfo: type',
      'ObjectStorage: type',
      'PageDefinition: type',
      'PluginContext: type',
      'PluginManifest: type',
      'Principal: type',
      'ProblemSchema: value',
      'QueueDefinition: type',
      'QueueMessageContext: type',
      'QueueProducer: type',
      'RateCounter: type',
      'RateDecision: type',
      'RateLimiterService: type',
      'RealtimeEvent: type',
      'RealtimeEventInput: type',
      'RealtimePublisher: type',
      'RecentItem: type',
      'RouteAccess: type',
      'RouteDefinition: type',
      'RouteRateLimit: type',
      'ScheduledContext: type',
      'Scope: type',
      'ServiceRef: type',
      'SetupContext: type',
      'StoredAuditEntry: type',
      'TENANT_COOKIE: value',
      'TENANT_ROLES: value',
      'TOOL_TEXT_ROWS: value',
      'TenantContext: type',
      'TenantResolver: type',
      'TenantRole: type',
      'Theme: type',
      'ToolTableInput: type',
      'UserPrincipal: type',
      'actorOf: value',
      'afterCommit: value',
      'apiUrl: value',
      'clientAddress: value',
      'commitNow: value',
      'conflict: value',
      'containsPattern: value',
      'coreExtensionPoints: value',
      'coreServices: value',
      'createExtensionPoint: value',
      'createRoute: value',
      'createServiceRef: value',
      'decodeCursor: value',
      'definePage: value',
      'definePlugin: value',
      'defineRoute: value',
      'deleteAuditEntries: value',
      'encodeCursor: value',
      'finiteDouble: value',
      'forbidden: value',
      'getDb: value',
      'getDetachedDb: value',
      'getPrincipal: value',
      'getTenant: value',
      'getUser: value',
      'headerRefs: value',
      'internalQueryError: value',
      'isWellFormedText: value',
      'limitExceeded: value',
      'listAuditEntries: value',
      'multipart: value',
      'notFound: value',
      'parseForm: value',
      'problemResponses: value',
      'recordAudit: value',
      'redirectTo: value',
      'roleAtLeast: value',
      'runInScope: value',
      'runInTenant: value',
      'safeNextPath: value',
      'setTenantRef: value',
      'storableString: value',
      'toAtollError: value',
      'toolTable: value',
      'validateForm: value',
      'validationFailed: value',
      'wellFormedString: value',
      'withTenant: value',
      'z: value',
    ]);
  });

  it('exports no drizzle table and nothing under durable-objects/, not even inside a type', () => {
    const problems = exported.flatMap((e) => problemsOf(checker, e));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('gives an @example to every export declared in this repository (not re-exported from node_modules)', () => {
    const kernel = exported.filter((e) => e.declarations.some((d) => inRepo(repoPath(d))));
    expect(kernel.length).toBeGreaterThan(100);
    const missing = kernel.filter((e) => !e.symbol.getJsDocTags(checker).some((tag) => tag.name === 'example')).map((e) => e.name);
    expect(missing, `no @example: ${missing.join(', ')}`).toEqual([]);
  });
});

describe('the export checks themselves', () => {
  it('catch a drizzle table, a Durable Object and a type that mentions one', () => {
    const bad = exportsOf(checker, program.getSourceFile(FORBIDDEN)!);
    const byName = Object.fromEntries(bad.map((e) => [e.name, problemsOf(checker, e)]));
    expect(byName.auditLog).toContainEqual(expect.stringMatching(/^auditLog is a drizzle PgTable/));
    expect(byName.RateLimiter).toContain('RateLimiter is declared in durable-objects/rate-limiter.ts');
    expect(byName.Window).toContain('Window.hub is declared in durable-objects/tenant-hub.ts');
    expect(byName.createExtensionPoint).toEqual([]);
    expect(bad.map((e) => `${e.name}: ${e.kind}`).sort()).toEqual(['RateLimiter: type', 'Window: type', 'auditLog: value', 'createExtensionPoint: value']);
  });
});
