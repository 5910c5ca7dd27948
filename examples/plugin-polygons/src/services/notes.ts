import { type Database, recordAudit, runInTenant } from 'atoll/plugin';
import { and, asc, eq, getTableColumns, sql } from 'atoll/plugin/db';
import { polygons, polygonsNotes } from '../db/schema';
import { noteNotFound, notNoteAuthor, polygonNotFound } from '../errors';
import { creatorOf, mayChange, type ServiceContext } from './context';
import { pageOf, readCursor, timeKeyOf } from './cursor';

async function requirePolygon(tx: Database, polygonId: string) {
  const [polygon] = await tx.select({ id: polygons.id }).from(polygons).where(eq(polygons.id, polygonId));
  if (!polygon) throw polygonNotFound();
}

/** Adds a note to a polygon of the tenant (any member may). */
export async function createNote({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; polygonId: string; body: string } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    await requirePolygon(tx, input.polygonId);
    const [row] = await tx
      .insert(polygonsNotes)
      .values({ tenantId: input.tenantId, polygonId: input.polygonId, body: input.body, createdBy: creatorOf(ctx.actor) })
      .returning();
    await recordAudit(
      tx,
      {
        tenantId: input.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'polygons.note_created',
        targetType: 'polygon_note',
        targetId: row!.id,
        data: { polygonId: input.polygonId },
      },
      ctx.request,
    );
    return row!;
  });
}

/** A page of a polygon's notes, oldest first (they read as a conversation). */
export async function listNotes({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; polygonId: string; limit: number; cursor?: string | undefined } }) {
  const after = readCursor(input.cursor);
  const rows = await runInTenant(ctx.db, input.tenantId, async (tx) => {
    await requirePolygon(tx, input.polygonId);
    const position = after ? sql`(${polygonsNotes.createdAt}, ${polygonsNotes.id}) > (${after.time}::timestamptz, ${after.id}::uuid)` : undefined;
    return tx
      .select({ ...getTableColumns(polygonsNotes), timeKey: timeKeyOf(polygonsNotes.createdAt) })
      .from(polygonsNotes)
      .where(and(eq(polygonsNotes.polygonId, input.polygonId), position))
      .orderBy(asc(polygonsNotes.createdAt), asc(polygonsNotes.id))
      .limit(input.limit + 1);
  });
  return pageOf(rows, input.limit);
}

/** A note of the polygon, or 404 (`POLYGONS_NOT_FOUND` for the polygon, `POLYGONS_NOTE_NOT_FOUND` for the note). */
export async function getNote({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; polygonId: string; noteId: string } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    await requirePolygon(tx, input.polygonId);
    const [note] = await tx
      .select()
      .from(polygonsNotes)
      .where(and(eq(polygonsNotes.id, input.noteId), eq(polygonsNotes.polygonId, input.polygonId)));
    if (!note) throw noteNotFound();
    return note;
  });
}

/** Locks a note of the polygon and checks that the caller wrote it or is an admin. */
async function changeableNote(tx: Database, ctx: ServiceContext, input: { polygonId: string; noteId: string }) {
  await requirePolygon(tx, input.polygonId);
  const [note] = await tx
    .select({ createdBy: polygonsNotes.createdBy })
    .from(polygonsNotes)
    .where(and(eq(polygonsNotes.id, input.noteId), eq(polygonsNotes.polygonId, input.polygonId)))
    .for('update');
  if (!note) throw noteNotFound();
  if (!mayChange(ctx, note.createdBy)) throw notNoteAuthor();
}

/** Rewrites a note: its author or an admin only (403 `POLYGONS_NOT_NOTE_AUTHOR`). */
export async function updateNote({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; polygonId: string; noteId: string; body: string } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    await changeableNote(tx, ctx, input);
    const [row] = await tx.update(polygonsNotes).set({ body: input.body, updatedAt: sql`now()` }).where(eq(polygonsNotes.id, input.noteId)).returning();
    await recordAudit(
      tx,
      {
        tenantId: input.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'polygons.note_updated',
        targetType: 'polygon_note',
        targetId: input.noteId,
        data: { polygonId: input.polygonId },
      },
      ctx.request,
    );
    return row!;
  });
}

/** Deletes a note: its author or an admin only. */
export async function deleteNote({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; polygonId: string; noteId: string } }) {
  await runInTenant(ctx.db, input.tenantId, async (tx) => {
    await changeableNote(tx, ctx, input);
    await tx.delete(polygonsNotes).where(eq(polygonsNotes.id, input.noteId));
    await recordAudit(
      tx,
      {
        tenantId: input.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'polygons.note_deleted',
        targetType: 'polygon_note',
        targetId: input.noteId,
        data: { polygonId: input.polygonId },
      },
      ctx.request,
    );
  });
}
