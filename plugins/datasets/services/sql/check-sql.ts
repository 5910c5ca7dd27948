import { isWellFormedText, validationFailed } from 'atoll/plugin';
import { type Token, tokenize } from './lexer';
import { MAX_SQL_CHARS } from './limits';

/** Words that may start the statement. */
const STARTS = new Set(['select', 'with', 'values', 'table']);

/** Keywords of writes, DDL, session and transaction control; refused wherever they appear unquoted. */
const FORBIDDEN_KEYWORDS = new Set(
  'insert update delete merge upsert create alter drop truncate grant revoke copy call do execute lock vacuum analyze set reset listen notify unlisten prepare deallocate refresh into begin commit rollback savepoint checkpoint cluster reindex discard import load comment security'.split(
    ' ',
  ),
);

/** Functions that read files or settings, run SQL given as text, touch large objects, or leave the sandbox. */
const DENIED_FUNCTIONS = new Set([
  'set_config',
  'current_setting',
  'query_to_xml',
  'query_to_xmlschema',
  'query_to_xml_and_xmlschema',
  'cursor_to_xml',
  'cursor_to_xmlschema',
  'table_to_xml',
  'table_to_xmlschema',
  'table_to_xml_and_xmlschema',
  'schema_to_xml',
  'schema_to_xmlschema',
  'schema_to_xml_and_xmlschema',
  'database_to_xml',
  'database_to_xmlschema',
  'database_to_xml_and_xmlschema',
  'ts_stat',
  'ts_rewrite',
  'nextval',
  'setval',
  'currval',
  'lastval',
  'loread',
  'lowrite',
  'inet_server_addr',
  'inet_server_port',
  'inet_client_addr',
  'inet_client_port',
  'gin_clean_pending_list',
  // The seed of random() outlives the transaction, on a connection other requests reuse.
  'setseed',
  // Server, database and role probes: nothing a dataset query needs, all a reconnaissance step.
  'version',
  'current_database',
  'current_schemas',
  'current_query',
  'getpgusername',
  'obj_description',
  'col_description',
  'shobj_description',
  'acldefault',
  'aclexplode',
  'makeaclitem',
  'row_security_active',
]);
const DENIED_PREFIXES = ['pg_', 'lo_', 'dblink', 'txid_', 'brin_', 'binary_upgrade_', 'has_', 'to_reg'];
/**
 * The session's role names and schema: SQL keywords that need no parentheses, refused unquoted and
 * as calls ("user" in quotes is just a column name).
 */
const SESSION_KEYWORDS = new Set(['current_user', 'session_user', 'current_role', 'user', 'system_user', 'current_catalog', 'current_schema']);
/**
 * Refused anywhere, quoted or not: the catalog schema, settings, and the reg* types whose casts
 * look up catalog objects by name (`'tenants'::regclass` would tell whether a table exists).
 */
const DENIED_NAMES = new Set([
  'current_setting',
  'information_schema',
  'regclass',
  'regcollation',
  'regconfig',
  'regdictionary',
  'regnamespace',
  'regoper',
  'regoperator',
  'regproc',
  'regprocedure',
  'regrole',
  'regtype',
]);
const ALLOWED_PG = new Set(['pg_typeof']);
/** Schemas a query may not name: the catalog, the app's own tables, the migration journals. */
const DENIED_SCHEMAS = new Set(['pg_catalog', 'information_schema', 'public', 'atoll_migrations', 'pg_toast']);

const refuse = (reason: string, detail: string) => validationFailed(`DATASETS_SQL_${reason}`, detail);

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

/** The names a checked query mentions (lowercased words and quoted identifiers as written). */
export interface CheckedSql {
  /** The statement without its trailing semicolon. */
  body: string;
  names: Set<string>;
}

/**
 * The first wall of read-only SQL: exactly one SELECT (or WITH / VALUES / TABLE) statement with no
 * write or DDL keyword, no denied function and no schema-qualified name. Each refusal is a 400 whose
 * code says why (DATASETS_SQL_<REASON>) and whose detail names the offending token. The database role
 * the query then runs under is the second wall (SQL.md).
 *
 * @example
 * checkSql('select region, sum(amount) from sales group by 1').names.has('sales'); // true
 */
export function checkSql(sql: string): CheckedSql {
  if (sql.length > MAX_SQL_CHARS) throw refuse('TOO_LONG', `The query is longer than ${MAX_SQL_CHARS} characters`);
  // Postgres text cannot hold U+0000, and in the query text the driver would cut the protocol
  // message at it (a connection-level error, not the query's); lone surrogates are not UTF-8.
  const nul = sql.indexOf('\u0000');
  if (nul !== -1) throw refuse('DATA_ERROR', `The query contains a NUL character (U+0000) at position ${nul + 1}; use a bytea value for binary data`);
  if (!isWellFormedText(sql)) throw refuse('DATA_ERROR', 'The query is not well-formed Unicode (it contains a lone surrogate)');
  const tokens = tokenize(sql);
  let end = tokens.length;
  if (tokens.at(-1)?.value === ';' && tokens.at(-1)?.kind === 'punct') end--;
  const body = tokens.slice(0, end);
  if (body.length === 0) throw refuse('EMPTY', 'The query is empty');
  const semicolon = body.find((t) => t.kind === 'punct' && t.value === ';');
  if (semicolon) throw refuse('MULTIPLE_STATEMENTS', `Only one statement is allowed; found a second after the ; at position ${semicolon.pos + 1}`);

  const first = body.find((t) => !(t.kind === 'punct' && t.value === '('));
  if (first?.kind !== 'word' || !STARTS.has(first.value)) {
    throw refuse('NOT_SELECT', `Only SELECT queries are allowed (WITH, VALUES and TABLE too); this one starts with ${first ? JSON.stringify(first.value) : 'parentheses'}`);
  }

  let depth = 0;
  const names = new Set<string>();
  body.forEach((t, i) => {
    if (t.kind === 'punct' && t.value === '(') depth++;
    if (t.kind === 'punct' && t.value === ')' && --depth < 0) throw refuse('SYNTAX', `Unbalanced ) at position ${t.pos + 1}`);
    if (!isName(t)) return;
    const name = t.value.toLowerCase();
    names.add(t.value);
    if (t.kind === 'word' && FORBIDDEN_KEYWORDS.has(name)) throw refuse('FORBIDDEN_KEYWORD', `${t.value.toUpperCase()} is not allowed: queries are read-only`);
    if (t.kind === 'word' && name === 'for' && ['update', 'share', 'no', 'key'].includes(body[i + 1]?.value ?? '')) {
      throw refuse('FORBIDDEN_KEYWORD', 'FOR UPDATE / FOR SHARE is not allowed: queries are read-only');
    }
    const dot = body[i + 1];
    if (dot?.kind === 'punct' && dot.value === '.' && (DENIED_SCHEMAS.has(name) || name.startsWith('pg_'))) {
      throw refuse('SCHEMA_QUALIFIED', `Schema-qualified names (${name}.) are not allowed: refer to datasets by name`);
    }
    const call = body[i + 1]?.kind === 'punct' && body[i + 1]?.value === '(';
    if (denied(name, call, t.kind === 'quoted')) throw refuse('FORBIDDEN_FUNCTION', `${name} is not allowed`);
  });
  if (depth !== 0) throw refuse('SYNTAX', 'Unbalanced parentheses: a ( is not closed');
  return { body: sql.slice(0, end === tokens.length ? sql.length : tokens[end]!.pos), names };
}

/** Catalog names (pg_*) and `DENIED_NAMES` are refused anywhere, session keywords unquoted, the other denied names as calls. */
function denied(name: string, call: boolean, quoted: boolean): boolean {
  if (ALLOWED_PG.has(name)) return false;
  if (name.startsWith('pg_') || DENIED_NAMES.has(name)) return true;
  if (SESSION_KEYWORDS.has(name) && (call || !quoted)) return true;
  return call && (DENIED_FUNCTIONS.has(name) || DENIED_PREFIXES.some((p) => name.startsWith(p)));
}
