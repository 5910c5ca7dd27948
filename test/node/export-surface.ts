// The checks behind the pinned export lists of the public entry points (`atoll/plugin`,
// `atoll/plugin/testing`): each export's kind, where it is declared, and whether it is (or mentions
// in its type) a drizzle table or a declaration under durable-objects/. Not a test file itself.
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

export const root = join(import.meta.dirname, '../..');
/** A module that exports what must never be exported, to show the checks catch it. */
export const FORBIDDEN = join(root, 'test/node/forbidden-exports.virtual.ts');
const FORBIDDEN_SOURCE = [
  "export { auditLog } from '../../worker/db/schema';",
  "export type { RateLimiter } from '../../durable-objects/rate-limiter';",
  "export { createExtensionPoint } from '../../worker/plugin/refs';",
  "import type { TenantHub } from '../../durable-objects/tenant-hub';",
  'export interface Window { hub: TenantHub }',
].join('\n');

/** The exports of `entry` that are declared in this repository and carry no `@example` in their JSDoc. */
export const withoutExample = (checker: ts.TypeChecker, exported: Export[]) =>
  exported.filter((e) => e.declarations.some((d) => inRepo(repoPath(d))) && !e.symbol.getJsDocTags(checker).some((tag) => tag.name === 'example')).map((e) => e.name);

export type Kind = 'value' | 'type';

/** Drizzle's table and view types: a plugin reads kernel tables through kernel functions only. */
const DRIZZLE_TABLE = /^(Pg|MySql|SQLite|SingleStore|Gel)?(Table|TableWithColumns|View|ViewWithSelection|MaterializedView|MaterializedViewWithSelection)$/;

/** The program of the Worker's tsconfig over `entries` (and the virtual module). */
export function createProgram(entries: string[]): ts.Program {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => file === FORBIDDEN || fileExists.call(host, file);
  host.readFile = (file) => (file === FORBIDDEN ? FORBIDDEN_SOURCE : readFile.call(host, file));
  host.getSourceFile = (file, language, ...rest) => (file === FORBIDDEN ? ts.createSourceFile(file, FORBIDDEN_SOURCE, language, true) : getSourceFile.call(host, file, language, ...rest));
  return ts.createProgram({ rootNames: [...entries, FORBIDDEN, join(root, 'worker-configuration.d.ts')], options, host });
}

export const repoPath = (node: ts.Node) => relative(root, node.getSourceFile().fileName).split(sep).join('/');
export const inRepo = (path: string) => !path.startsWith('..') && !path.startsWith('node_modules/');

export interface Export {
  name: string;
  kind: Kind;
  /** Where the name is finally declared (re-exports followed). */
  declarations: ts.Declaration[];
  symbol: ts.Symbol;
}

export function exportsOf(checker: ts.TypeChecker, file: ts.SourceFile): Export[] {
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
export function problemsOf(checker: ts.TypeChecker, entry: Export): string[] {
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
