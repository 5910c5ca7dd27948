import { describe, expect, it } from 'vitest';
import { checkSql } from './check-sql';
import { tokenize } from './lexer';
import { presentValue } from './present-value';

const codeOf = (sql: string) => {
  try {
    checkSql(sql);
    return 'OK';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('tokenize', () => {
  it('drops comments and keeps strings, quoted identifiers and dollar quotes whole', () => {
    const tokens = tokenize(`select 'a;''b', E'c\\';d', $x$ ; drop $x$, $$;$$, "we""ird" -- tail ;\n/* a /* nested */ ; */ from t`);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['word', 'select'],
      ['string', "a;'b"],
      ['punct', ','],
      ['string', "c\\';d"],
      ['punct', ','],
      ['string', ' ; drop '],
      ['punct', ','],
      ['string', ';'],
      ['punct', ','],
      ['quoted', 'we"ird'],
      ['word', 'from'],
      ['word', 't'],
    ]);
  });

  it('refuses anything unterminated', () => {
    for (const sql of ["select 'a", 'select "a', 'select $q$ a', 'select 1 /* x', "select E'\\'"]) expect(codeOf(sql), sql).toBe('DATASETS_SQL_SYNTAX');
  });
});

describe('checkSql', () => {
  it('accepts one SELECT, WITH, VALUES or TABLE, with one trailing semicolon', () => {
    for (const sql of [
      'select 1',
      'select region, sum(amount) from sales group by 1;',
      'with x as (select 1 as a) select * from x',
      'values (1), (2)',
      'table sales',
      '(select 1) union (select 2)',
      "select 'drop table x; delete from y' as s",
      'select $$;insert into t values (1);$$ as s',
      'select t.region from sales t',
      'select pg_typeof(1)',
      'select "insert" from t',
      'select lo_price from t',
    ]) {
      expect(codeOf(sql), sql).toBe('OK');
    }
  });

  it('names each refusal', () => {
    const cases: [string, string][] = [
      ['', 'DATASETS_SQL_EMPTY'],
      ['-- only a comment', 'DATASETS_SQL_EMPTY'],
      ['select 1; select 2', 'DATASETS_SQL_MULTIPLE_STATEMENTS'],
      ['select 1;;', 'DATASETS_SQL_MULTIPLE_STATEMENTS'],
      ['select 1 /* ; */; drop table t', 'DATASETS_SQL_MULTIPLE_STATEMENTS'],
      ['select 1 --\n; delete from t', 'DATASETS_SQL_MULTIPLE_STATEMENTS'],
      ['insert into t values (1)', 'DATASETS_SQL_NOT_SELECT'],
      ['create table t (a int)', 'DATASETS_SQL_NOT_SELECT'],
      ['copy t to stdout', 'DATASETS_SQL_NOT_SELECT'],
      ['explain select 1', 'DATASETS_SQL_NOT_SELECT'],
      ['with d as (delete from t returning *) select * from d', 'DATASETS_SQL_FORBIDDEN_KEYWORD'],
      ['select * into newtable from t', 'DATASETS_SQL_FORBIDDEN_KEYWORD'],
      ['select * from t for update', 'DATASETS_SQL_FORBIDDEN_KEYWORD'],
      ['select * from t for share', 'DATASETS_SQL_FORBIDDEN_KEYWORD'],
      ["select pg_read_file('/etc/passwd')", 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ['select * from pg_class', 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ['select "pg_sleep"(1)', 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ["select set_config('atoll.tenant_id', 'x', true)", 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ["select current_setting('atoll.tenant_id')", 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ["select query_to_xml('select 1', true, false, '')", 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ['select lo_import(1)', 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ["select dblink('x', 'y')", 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ['select txid_current()', 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ['select setseed(0.5)', 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ['select * from public.tenants', 'DATASETS_SQL_SCHEMA_QUALIFIED'],
      ['select * from information_schema.tables', 'DATASETS_SQL_SCHEMA_QUALIFIED'],
      ['select * from "public"."tenants"', 'DATASETS_SQL_SCHEMA_QUALIFIED'],
      ['select 1 ) union (select 2', 'DATASETS_SQL_SYNTAX'],
      ['select (1', 'DATASETS_SQL_SYNTAX'],
      ['select U&"\\0070g_sleep"(1)', 'DATASETS_SQL_SYNTAX'],
      ['select 1 from t; set role none', 'DATASETS_SQL_MULTIPLE_STATEMENTS'],
      ['select 1 as set', 'DATASETS_SQL_FORBIDDEN_KEYWORD'],
      ['x'.repeat(20_001), 'DATASETS_SQL_TOO_LONG'],
    ];
    for (const [sql, code] of cases) expect(codeOf(sql), sql.slice(0, 80)).toBe(code);
  });

  it('splits tokens where Postgres does, so nothing hides from the check', () => {
    // Postgres ends a -- comment at CR, and U+00A0 (like any non-ASCII character) is part of an identifier there.
    expect(codeOf('select 1 --\r, pg_advisory_lock(42)\n')).toBe('DATASETS_SQL_FORBIDDEN_FUNCTION');
    expect(codeOf('select 1 x\u00a0$a$, pg_advisory_lock(42) --$a$')).toBe('DATASETS_SQL_FORBIDDEN_FUNCTION');
    expect(codeOf("select 1 x\u3000e'\\', pg_sleep(1) --'")).toBe('DATASETS_SQL_FORBIDDEN_FUNCTION');
    expect(tokenize('select\u00a0a').map((t) => t.value)).toEqual(['select\u00a0a']);
  });

  it('refuses the server version, role names and catalog probes, naming the token', () => {
    const denied: [string, string][] = [
      ['select version()', 'version'],
      ['select current_user', 'current_user'],
      ['select session_user', 'session_user'],
      ['select current_role', 'current_role'],
      ['select user', 'user'],
      ['select system_user', 'system_user'],
      ['select * from pg_roles', 'pg_roles'],
      ['select rolname from pg_authid', 'pg_authid'],
      ['select * from information_schema.tables', 'information_schema'],
      ['select 1 from information_schema', 'information_schema'],
      ['select * from pg_catalog.pg_class', 'pg_catalog'],
      ['select pg_typeof(1), pg_backend_pid()', 'pg_backend_pid'],
      ["select current_setting('server_version')", 'current_setting'],
      ['select current_setting', 'current_setting'],
      ['select inet_server_addr()', 'inet_server_addr'],
      ['select inet_client_port()', 'inet_client_port'],
      ['select current_database()', 'current_database'],
      ['select current_catalog', 'current_catalog'],
      ['select current_schema', 'current_schema'],
      ['select current_schema()', 'current_schema'],
      ['select current_schemas(true)', 'current_schemas'],
      ["select 'tenants'::regclass", 'regclass'],
      ["select to_regclass('tenants')", 'to_regclass'],
      ["select has_table_privilege('tenants', 'select')", 'has_table_privilege'],
      ['select obj_description(1)', 'obj_description'],
      ['select current_query()', 'current_query'],
    ];
    for (const [sql, token] of denied) {
      let error: { code?: string; message?: string } = {};
      try {
        checkSql(sql);
      } catch (e) {
        error = e as typeof error;
      }
      expect(error.code, sql).toBe(sql.includes(`${token}.`) ? 'DATASETS_SQL_SCHEMA_QUALIFIED' : 'DATASETS_SQL_FORBIDDEN_FUNCTION');
      expect(error.message, sql).toContain(token);
    }
    expect(codeOf("select 'a\u0000b'")).toBe('DATASETS_SQL_DATA_ERROR');
    expect(codeOf("select 'a\ud800'")).toBe('DATASETS_SQL_DATA_ERROR');
    // Unreserved words stay usable as column names; only their calls are refused.
    expect(codeOf('select version, "user", "current_user" from t')).toBe('OK');
  });

  it('returns the statement without its semicolon and the names it mentions', () => {
    const checked = checkSql('select s.region from Sales s join "Other" o on true; -- done');
    expect(checked.body).toBe('select s.region from Sales s join "Other" o on true');
    expect([...checked.names]).toEqual(expect.arrayContaining(['sales', 'Other', 'region']));
  });
});

describe('presentValue', () => {
  it('types values for JSON and keeps what a number cannot hold as text', () => {
    expect(presentValue('42', 'bigint')).toBe(42);
    expect(presentValue('9007199254740993', 'bigint')).toBe('9007199254740993');
    expect(presentValue('1.5', 'double precision')).toBe(1.5);
    expect(presentValue('NaN', 'double precision')).toBe('NaN');
    expect(presentValue('12.50', 'numeric')).toBe(12.5);
    expect(presentValue('1234567890.1234567890', 'numeric')).toBe('1234567890.1234567890');
    expect(presentValue('true', 'boolean')).toBe(true);
    expect(presentValue('{"a":[1]}', 'jsonb')).toEqual({ a: [1] });
    expect(presentValue('2024-01-02 03:04:05.5+00', 'timestamp with time zone')).toBe('2024-01-02T03:04:05.5Z');
    expect(presentValue('2024-01-02 03:04:05', 'timestamp without time zone')).toBe('2024-01-02T03:04:05');
    expect(presentValue(null, 'text')).toBeNull();
  });
});
