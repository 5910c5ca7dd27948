import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadKernelConfig } from '../config';
import type { Env } from '../env';
import { createLogger } from '../logger';
import { ObjectStorage } from '../storage/object-storage';
import { createS3Client } from '../storage/s3-client';
import { openConnection } from './connect';
import type { Database } from './database';
import { runInScope } from './tenant-scope';
import { observeStatements, UnitOfWork } from './unit-of-work';
import { databaseOn } from './view-database';

const config = { driver: 'hyperdrive' as const, connectionString: (env.HYPERDRIVE as Hyperdrive).connectionString };

/** A unit of work on the test database, its root database, and every round trip it makes. */
function unitOfWork() {
  let connections = 0;
  const unit = new UnitOfWork(() => {
    connections++;
    return openConnection(config, createLogger('error'));
  });
  const trips: string[] = [];
  const stop = observeStatements((text) => trips.push(text));
  return { unit, db: databaseOn(unit.view({})), trips, connections: () => connections, done: () => (stop(), unit.close()) };
}

const rowsOf = async (db: Database, query: ReturnType<typeof sql>) => (await db.execute(query)).rows;
const setting = (db: Database, name: string) => rowsOf(db, sql`select current_setting(${name}, true) as v`).then((r) => (r[0] as { v: string | null }).v);

describe('UnitOfWork', () => {
  it('opens nothing until a statement runs, then begins with that statement in one round trip', async () => {
    const { unit, db, trips, connections, done } = unitOfWork();
    try {
      await unit.commit();
      expect(connections()).toBe(0);
      expect(trips).toEqual([]);
      expect(await rowsOf(db, sql`select ${'a'}::text as v`)).toEqual([{ v: 'a' }]);
      expect(trips).toHaveLength(1);
      // A reading statement asks, in the same round trip, whether the transaction has written yet.
      expect(trips[0]).toMatch(/^begin; select 'a'::text as v; select txid_current_if_assigned\(\) is not null as atoll_wrote$/);
      expect(await rowsOf(db, sql`select txid_current_if_assigned() is null as fresh, now() = statement_timestamp() as autocommit`)).toEqual([{ fresh: true, autocommit: false }]);
      await unit.commit();
      expect(trips.at(-1)).toBe('commit');
    } finally {
      await done();
    }
  });

  it('runs each scope with its settings (sent only when they change) and restores the outer one', async () => {
    const { db, trips, done } = unitOfWork();
    try {
      const tenantId = crypto.randomUUID();
      expect(await setting(db, 'atoll.tenant_id')).toBeFalsy();
      const inner = await runInScope(db, { tenantId }, async (tx) => [await setting(tx, 'atoll.tenant_id'), await setting(tx, 'atoll.tenant_id')]);
      expect(inner).toEqual([tenantId, tenantId]);
      expect(trips.filter((t) => t.includes('set_config'))).toHaveLength(1);
      const nested = await runInScope(db, { tenantId }, (tx) => runInScope(tx, { userId: 'u1' }, async (tx2) => [await setting(tx2, 'atoll.tenant_id'), await setting(tx2, 'atoll.user_id')]));
      expect(nested).toEqual([tenantId, 'u1']);
      expect(await setting(db, 'atoll.tenant_id')).toBe('');
    } finally {
      await done();
    }
  });

  it('undoes only a failed scope block (a savepoint); the rest of the request commits', async () => {
    const { unit, db, done } = unitOfWork();
    try {
      await db.execute(sql`create temporary table uow_t (x int primary key) on commit preserve rows`);
      await db.execute(sql`insert into uow_t values (1)`);
      await expect(
        runInScope(db, { tenantId: crypto.randomUUID() }, async (tx) => {
          await tx.execute(sql`insert into uow_t values (2)`);
          await tx.execute(sql`insert into uow_t values (1)`); // duplicate key: the block fails
        }),
      ).rejects.toMatchObject({ cause: { code: '23505' } });
      await db.transaction(async (tx) => {
        await tx.execute(sql`insert into uow_t values (3)`);
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(sql`insert into uow_t values (4)`);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await setting(db, 'atoll.tenant_id')).toBe('');
      await unit.commit();
      expect(await rowsOf(db, sql`select x from uow_t order by x`)).toEqual([{ x: 1 }, { x: 3 }]);
    } finally {
      await done();
    }
  });

  it('undoes role and read-only switches made inside a failed block', async () => {
    const { db, done } = unitOfWork();
    try {
      await db.execute(sql`create temporary table uow_r (x int)`);
      const user = await rowsOf(db, sql`select current_user as u`);
      await expect(
        runInScope(db, { tenantId: crypto.randomUUID() }, async (tx) => {
          await tx.execute(sql.raw('set transaction read only'));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await db.execute(sql`insert into uow_r values (1)`);
      expect(await rowsOf(db, sql`select current_user as u`)).toEqual(user);
    } finally {
      await done();
    }
  });

  it('runs after-commit work only once the transaction commits, never on rollback', async () => {
    const { unit, db, done } = unitOfWork();
    const ran: string[] = [];
    try {
      await unit.afterCommit(() => void ran.push('no transaction: at once'));
      await db.execute(sql`select 1`);
      await unit.afterCommit(() => void ran.push('after commit'));
      expect(ran).toEqual(['no transaction: at once']);
      await unit.commit();
      expect(ran).toEqual(['no transaction: at once', 'after commit']);
      await db.execute(sql`select 1`);
      await unit.afterCommit(() => void ran.push('never'));
    } finally {
      await done();
    }
    expect(ran).not.toContain('never');
  });

  it('rolls back on close over the connection it used, and opens no other', async () => {
    const { unit, db, trips, connections, done } = unitOfWork();
    const marker = `atoll-close-${crypto.randomUUID()}`;
    await rowsOf(db, sql`select set_config('application_name', ${marker}, false)`);
    await unit.close();
    expect(trips.at(-1)).toBe('rollback');
    await done();
    expect(connections()).toBe(1);
    // The connection is gone on the server too (closing ends it, not only the Worker's side).
    const probe = unitOfWork();
    try {
      expect(await rowsOf(probe.db, sql`select count(*)::int as n from pg_stat_activity where application_name = ${marker}`)).toEqual([{ n: 0 }]);
    } finally {
      await probe.done();
    }
    expect(unit.used).toBe(false);
  });

  it('answers a transaction that only read without a COMMIT, and commits any write, even one a SELECT made', async () => {
    const { unit, db, trips, done } = unitOfWork();
    try {
      await db.execute(sql`create temporary table uow_w (x int) on commit preserve rows`);
      await db.execute(sql`create function pg_temp.uow_bump() returns int language sql as 'insert into pg_temp.uow_w values (1) returning 1'`);
      await unit.finish();
      expect(trips.at(-1)).toBe('commit');
      const ran: string[] = [];

      // Only reads: finishing sends nothing, after-commit work runs at once, close() ends it.
      expect(await rowsOf(db, sql`select count(*)::int as n from uow_w`)).toEqual([{ n: 0 }]);
      await unit.afterCommit(() => void ran.push('read'));
      const before = trips.length;
      await unit.finish();
      expect(trips.length).toBe(before);
      expect(ran).toEqual(['read']);

      // A SELECT whose function wrote: Postgres says so, and finishing commits.
      expect(await rowsOf(db, sql`select pg_temp.uow_bump() as v`)).toEqual([{ v: 1 }]);
      await unit.afterCommit(() => void ran.push('wrote'));
      expect(ran).toEqual(['read']);
      await unit.finish();
      expect(trips.at(-1)).toBe('commit');
      expect(ran).toEqual(['read', 'wrote']);
      expect(await rowsOf(db, sql`select count(*)::int as n from uow_w`)).toEqual([{ n: 1 }]);

      // A write needs no asking: once written, later reads travel without the question.
      await db.execute(sql`insert into uow_w values (2)`);
      await rowsOf(db, sql`select 1 as one`);
      expect(trips.at(-1)).toBe('select 1 as one');
      await unit.finish();
      expect(trips.at(-1)).toBe('commit');

      // A write that begins the transaction (travelling with BEGIN) is committed too.
      await db.execute(sql`insert into uow_w values (${3})`);
      expect(trips.at(-1)).toBe("begin; insert into uow_w values ('3')");
      await unit.finish();
      expect(trips.at(-1)).toBe('commit');
    } finally {
      await done();
    }
  });

  it('sends the first statements of two sides of together() in one round trip, each side its own result and scope', async () => {
    const { unit, db, trips, done } = unitOfWork();
    try {
      const tenantId = crypto.randomUUID();
      const [a, b] = await unit.together(
        async () => [await rowsOf(db, sql`select ${'a'}::text as v`), await rowsOf(db, sql`select ${'a2'}::text as v`)],
        () => runInScope(db, { tenantId }, (tx) => setting(tx, 'atoll.tenant_id')),
      );
      expect(a).toEqual([[{ v: 'a' }], [{ v: 'a2' }]]);
      expect(b).toBe(tenantId);
      // Both first statements (the scope's savepoint and setting between them) in one trip; a's second alone.
      expect(trips).toHaveLength(2);
      expect(trips[0]).toContain("select 'a'::text as v");
      expect(trips[0]).toContain(`set_config('atoll.tenant_id', '${tenantId}', true)`);
      expect(trips[1]).toContain("select 'a2'::text as v");
      expect(trips[1]).not.toContain("a'::text");
    } finally {
      await done();
    }
  });

  it('lets one side of together() go alone when the other ends without a statement, and fails both sides on an error', async () => {
    const { unit, db, trips, done } = unitOfWork();
    try {
      const [none, one] = await unit.together(
        async () => 'no statement',
        () => rowsOf(db, sql`select 1 as n`),
      );
      expect([none, one]).toEqual(['no statement', [{ n: 1 }]]);
      expect(trips).toHaveLength(1);
      const outcomes: string[] = [];
      const record = (side: string, query: Promise<unknown>) =>
        query.then(
          () => outcomes.push(`${side} ok`),
          (error: Error) => outcomes.push(`${side}: ${String(error.cause ?? error.message)}`),
        );
      await unit.together(
        () => record('a', rowsOf(db, sql`select 1 / 0 as boom`)),
        () => record('b', rowsOf(db, sql`select 2 as n`)),
      );
      // One trip: Postgres stops at the error, so the other side's statement has no result either.
      expect(outcomes.sort()).toEqual(['a: error: division by zero', 'b: error: division by zero']);
      expect(trips).toHaveLength(2);
    } finally {
      await done();
    }
  });

  it('refuses to report a commit when an error had aborted the transaction', async () => {
    const { unit, db, done } = unitOfWork();
    try {
      await expect(db.execute(sql`select 1/0`)).rejects.toMatchObject({ cause: { code: '22012' } });
      await expect(unit.commit()).rejects.toThrow(/rolled back/);
    } finally {
      await done();
    }
  });

  it('commits before the kernel calls S3, so no transaction stays open across it', async () => {
    const kernel = loadKernelConfig(env as unknown as Env);
    const storage = new ObjectStorage(createS3Client(kernel.s3), kernel.s3.bucket);
    const { unit, db, trips, done } = unitOfWork();
    try {
      await unit.enter(async () => {
        await db.execute(sql`select 1`);
        expect(unit.inTransaction).toBe(true);
        expect(await storage.head(`nothing-${crypto.randomUUID()}`)).toBeNull();
        expect(unit.inTransaction).toBe(false);
        expect(trips.at(-1)).toBe('commit');
      });
    } finally {
      await done();
    }
  });
});
