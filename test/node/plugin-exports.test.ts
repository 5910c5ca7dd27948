// The public plugin API (`atoll/plugin`) follows semver: every name it exports is listed here, so
// adding, removing or renaming one fails this test until the list is edited on purpose (and the
// change is versioned, see docs/plugins.md). It also keeps kernel internals out: nothing exported
// may be, or mention in its type, a drizzle table or a declaration under durable-objects/.
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = join(root, 'worker/plugin/index.ts');
/** A module that exports what must never be exported, to show the checks catch it. */
const FORBIDDEN = join(root, 'test/node/forbidden-exports.virtual.ts');
const FORBIDDEN_SOURCE = [
  "export { auditLog } from '../../worker/db/schema';",
  "export type { RateLimiter } from '../../durable-objects/rate-limiter';",
  "export { createExtensionPoint } from '../../worker/plugin/refs';",
  "import type { TenantHub } from '../../durable-objects/tenant-hub';",
  'export interface Window { hub: TenantHub }',
].join('\n');

type Kind = 'value' | 'type';

/** Drizzle's table and view types: a plugin reads kernel tables through kernel functions only. */
const DRIZZLE_TABLE = /^(Pg|MySql|SQLite|SingleStore|Gel)?(Table|TableWithColumns|View|ViewWithSelection|MaterializedView|MaterializedViewWithSelection)$/;

/** The program of the Worker's tsconfig over the entry (and the virtual module). */
function createProgram(): ts.Program {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => file === FORBIDDEN || fileExists.call(host, file);
  host.readFile = (file) => (file === FORBIDDEN ? FORBIDDEN_SOURCE : readFile.call(host, file));
  host.getSourceFile = (file, language, ...rest) =>
    file === FORBIDDEN ? ts.createSourceFile(file, FORBIDDEN_SOURCE, language, true) : getSourceFile.call(host, file, language, ...rest);
  return ts.createProgram({ rootNames: [ENTRY, FORBIDDEN, join(root, 'worker-configuration.d.ts')], options, host });
}

const repoPath = (node: ts.Node) => relative(root, node.getSourceFile().fileName).split(sep).join('/');
const inRepo = (path: string) => !path.startsWith('..') && !path.startsWith('node_modules/');

interface Export {
  name: string;
  kind: Kind;
  /** Where the name is finally declared (re-exports followed). */
  declarations: ts.Declaration[];
  symbol: ts.Symbol;
}

function exportsOf(checker: ts.TypeChecker, file: ts.SourceFile): Export[] {
  const module = checker.getSymbolAtLocation(file);
  if (!module) throw new Error(`${file.fileName} is not a module`);
  return checker.getExportsOfModule(module).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    // `export type { X }` and `export { type X }` export a type whatever X is (even a class).
    const typeOnly = (exported.declarations ?? []).some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly));
    const kind: Kind = !typeOnly && symbol.flags & ts.SymbolFlags.Value ? 'value' : 'type';
    return { name: exported.name, kind, declarations: symbol.declarations ?? [], symbol };
  });
}

/**
 * What is wrong with one export: declared under durable-objects/, or a type (its own, a property's,
 * a parameter's, a return type, a type argument) that is a drizzle table or declared there.
 * Types declared outside the repository are not walked into, only their type arguments.
 */
function problemsOf(checker: ts.TypeChecker, entry: Export): string[] {
  const problems = new Set<string>();
  const seen = new Set<ts.Type>();
  const checkSymbol = (symbol: ts.Symbol | undefined, via: string): boolean => {
    if (!symbol) return false;
    if (DRIZZLE_TABLE.test(symbol.name)) problems.add(`${via} is a drizzle ${symbol.name}`);
    const paths = (symbol.declarations ?? []).map(repoPath);
    for (const path of paths) if (path.startsWith('durable-objects/')) problems.add(`${via} is declared in ${path}`);
    return paths.some(inRepo);
  };
  const visit = (type: ts.Type, via: string, depth: number) => {
    if (seen.has(type) || depth > 12) return;
    seen.add(type);
    const ours = [checkSymbol(type.aliasSymbol, via), checkSymbol(type.getSymbol(), via)].some(Boolean);
    for (const argument of type.aliasTypeArguments ?? []) visit(argument, `${via}<…>`, depth + 1);
    if (type.isUnionOrIntersection()) for (const member of type.types) visit(member, via, depth + 1);
    if (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
      for (const argument of checker.getTypeArguments(type as ts.TypeReference)) visit(argument, `${via}<…>`, depth + 1);
    }
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (symbol && !ours) return;
    for (const property of checker.getPropertiesOfType(type)) visit(checker.getTypeOfSymbol(property), `${via}.${property.name}`, depth + 1);
    for (const signature of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
      for (const parameter of signature.getParameters()) visit(checker.getTypeOfSymbol(parameter), `${via}(${parameter.name})`, depth + 1);
      visit(signature.getReturnType(), `${via}()`, depth + 1);
    }
  };
  checkSymbol(entry.symbol, entry.name);
  visit(entry.kind === 'value' ? checker.getTypeOfSymbol(entry.symbol) : checker.getDeclaredTypeOfSymbol(entry.symbol), entry.name, 0);
  return [...problems];
}

let checker: ts.TypeChecker;
let program: ts.Program;
let exported: Export[];

beforeAll(() => {
  program = createProgram();
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
