import { type AppContext, actorOf, coreServices, getDb, getTenant, getUser, type PluginContext, redirectTo, roleAtLeast, z } from 'atoll/plugin';
import type { ChatConfig } from '../config';
import { createSession } from '../services/create-session';
import { listDatasetChoices } from '../services/dataset-choices';
import { deleteSession } from '../services/delete-session';
import { listAssistants } from '../services/list-assistants';
import { listSessions } from '../services/list-sessions';
import { renameSession } from '../services/update-session';
import { manyOf, oneOf, parseFormAll } from './form-values';
import { sessionKeyOf } from './transcript-data';

const PageQuery = z.object({ cursor: z.string().max(200).optional().catch(undefined) });
const NewForm = z.object({
  assistantId: oneOf(z.string().uuid().optional()),
  datasetIds: manyOf(z.string().uuid(), 20),
});
const RenameForm = z.object({ title: oneOf(z.string().trim().min(1).max(200)) });

const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/** `/app/chat`: the user's own chats, the most recently used first, and a form to start one. */
export async function SessionsPage(c: AppContext, plugin: PluginContext<ChatConfig>) {
  const tenant = getTenant(c);
  const user = getUser(c);
  const query = PageQuery.parse(c.req.query());
  const ctx = { db: getDb(c) };
  const sessions = await listSessions({ ctx, input: { tenantId: tenant.id, userId: user.userId, limit: 50, cursor: query.cursor } });
  const assistants = await listAssistants({ ctx, input: { tenantId: tenant.id, limit: 100 } });
  const datasets = await listDatasetChoices({
    ctx: { ...ctx, tools: plugin.service(coreServices.chatTools), logger: plugin.logger, timeoutMs: plugin.config.toolTimeoutMs },
    input: { tenantId: tenant.id, caller: { principal: user, role: tenant.role } },
  });
  return (
    <>
      <link rel="stylesheet" href="/static/chat.css" />
      <form class="stack" method="post" action="/app/chat" id="new-chat">
        <h2>New chat</h2>
        <label for="new-chat-assistant">
          Assistant
          <select id="new-chat-assistant" name="assistantId">
            {assistants.items.map((a) => (
              <option value={a.id} selected={a.isDefault}>
                {a.isDefault ? `${a.name} (default)` : a.name}
              </option>
            ))}
          </select>
        </label>
        {datasets.length > 0 ? (
          <label for="new-chat-datasets">
            Datasets <small class="muted">optional; none chosen: the assistant's own</small>
            <select id="new-chat-datasets" name="datasetIds" multiple size={Math.min(6, datasets.length)}>
              {datasets.map((d) => (
                <option value={d.id}>{d.name}</option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit">New chat</button>
      </form>
      {roleAtLeast(tenant.role, 'admin') ? (
        <p>
          <a href="/app/chat/assistants" id="manage-assistants">
            Manage assistants
          </a>
        </p>
      ) : null}
      <h2>Your chats</h2>
      {sessions.items.length === 0 ? (
        <p class="muted" id="no-chats">
          No chats yet.
        </p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table id="chats">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Last used (UTC)</th>
                <th scope="col">Rename</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {sessions.items.map((s) => (
                <tr data-session={s.id}>
                  <td>
                    <a href={`/app/chat/${s.id}`}>{s.title}</a>
                  </td>
                  <td>
                    <time datetime={s.updatedAt.toISOString()}>{when(s.updatedAt)}</time>
                  </td>
                  <td>
                    <form method="post" action={`/app/chat/${s.id}/rename`} class="inline">
                      <input id={`rename-${s.id}`} name="title" aria-label={`New title for ${s.title}`} required maxlength={200} value={s.title} />
                      <button type="submit" class="secondary">
                        Rename
                      </button>
                    </form>
                  </td>
                  <td>
                    <form method="post" action={`/app/chat/${s.id}/delete`} class="inline" hx-confirm={`Delete the chat “${s.title}” and its messages?`}>
                      <button type="submit" class="danger">
                        Delete
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sessions.nextCursor ? (
        <p>
          <a href={`/app/chat?cursor=${encodeURIComponent(sessions.nextCursor)}`} id="next-page">
            Older chats
          </a>
        </p>
      ) : null}
    </>
  );
}

/** POST `/app/chat`: starts a chat with the chosen assistant (and datasets) and opens it. */
export async function newSessionFromForm(c: AppContext) {
  const form = await parseFormAll(c, NewForm);
  const session = await createSession({
    ctx: { db: getDb(c) },
    input: { tenantId: getTenant(c).id, userId: getUser(c).userId, assistantId: form.assistantId, datasetIds: form.datasetIds.length > 0 ? form.datasetIds : undefined },
  });
  return redirectTo(c, `/app/chat/${session.id}`, { notice: 'chat-started' });
}

/** POST `/app/chat/:id/rename`. */
export async function renameSessionFromForm(c: AppContext) {
  const key = sessionKeyOf(c);
  const form = await parseFormAll(c, RenameForm);
  await renameSession({ ctx: { db: getDb(c) }, input: { ...key, title: form.title } });
  return redirectTo(c, '/app/chat', { notice: 'chat-renamed' });
}

/** POST `/app/chat/:id/delete`. */
export async function deleteSessionFromForm(c: AppContext) {
  const key = sessionKeyOf(c);
  await deleteSession({ ctx: { db: getDb(c), actor: actorOf(getUser(c)), request: c }, input: key });
  return redirectTo(c, '/app/chat', { notice: 'chat-deleted' });
}
