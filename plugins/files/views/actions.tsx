import { type AppContext, type PluginContext, parseForm, redirectTo, z } from 'atoll/plugin';
import { type FilesConfig, filesContext } from '../routes/context';
import { moveFile } from '../services/copy-file';
import { deleteFile } from '../services/delete-files';
import { parsePath } from '../services/file-path';
import { createFolder, deleteFolder } from '../services/folders';
import { browseUrl } from './files-page';

const parentOf = (path: string) =>
  path
    .replace(/\/$/, '')
    .split('/')
    .slice(0, -1)
    .map((s) => `${s}/`)
    .join('');

const PathForm = z.object({ path: z.string().max(4000) });
const FolderForm = z.object({ folder: z.string().max(4000).default(''), name: z.string().max(300) });
const MoveForm = z.object({ path: z.string().max(4000), to: z.string().max(4000), overwrite: z.string().optional() });

/** A path from the query or a form: a trailing slash means a folder. */
const target = (raw: string, location: string) =>
  raw.endsWith('/') ? { kind: 'folder' as const, path: parsePath(raw, 'folder', { location, field: 'path' }) } : { kind: 'file' as const, path: parsePath(raw, 'file', { location, field: 'path' }) };

/** GET `/app/files/delete?path=`: the confirmation step before deleting a file or a folder. */
export function ConfirmDeletePage(c: AppContext) {
  const { kind, path } = target(c.req.query('path') ?? '', 'query');
  return (
    <form class="stack" method="post" action="/app/files/delete" id="delete-form">
      <p>{kind === 'folder' ? `Delete the folder ${path} and everything in it?` : `Delete ${path}?`} This cannot be undone.</p>
      <input type="hidden" name="path" value={path} />
      <p class="buttons">
        <button type="submit" class="danger" id="confirm-delete">
          Delete
        </button>{' '}
        <a class="button secondary" href={browseUrl(parentOf(path))} id="cancel-delete">
          Cancel
        </a>
      </p>
    </form>
  );
}

/** POST `/app/files/delete` (admin). */
export async function deleteFromForm(c: AppContext, plugin: PluginContext<FilesConfig>) {
  const { kind, path } = target((await parseForm(c, PathForm)).path, 'body');
  const ctx = filesContext(c, plugin);
  if (kind === 'folder') await deleteFolder({ ctx, input: { path } });
  else await deleteFile({ ctx, input: { path } });
  return redirectTo(c, browseUrl(parentOf(path)), { notice: 'file-deleted' });
}

/** POST `/app/files/folders`. */
export async function createFolderFromForm(c: AppContext, plugin: PluginContext<FilesConfig>) {
  const form = await parseForm(c, FolderForm);
  const parent = form.folder ? parsePath(form.folder, 'folder', { location: 'body', field: 'folder' }) : '';
  const path = parsePath(`${parent}${form.name}`, 'folder', { location: 'body', field: 'name' });
  await createFolder({ ctx: filesContext(c, plugin), input: { path } });
  return redirectTo(c, browseUrl(parent), { notice: 'folder-created' });
}

/** GET `/app/files/move?path=`: rename or move a file. */
export function MovePage(c: AppContext) {
  const path = parsePath(c.req.query('path') ?? '', 'file', { location: 'query', field: 'path' });
  return (
    <form class="stack" method="post" action="/app/files/move" id="move-form">
      <input type="hidden" name="path" value={path} />
      <label for="move-to">
        New path <small class="muted">folders separated by /</small>
        <input id="move-to" name="to" value={path} required maxlength={900} />
      </label>
      <label class="checkbox" for="move-overwrite">
        <input id="move-overwrite" name="overwrite" type="checkbox" value="true" /> Replace a file already there
      </label>
      <p class="buttons">
        <button type="submit" id="confirm-move">
          Move
        </button>{' '}
        <a class="button secondary" href={browseUrl(parentOf(path))}>
          Cancel
        </a>
      </p>
    </form>
  );
}

/** POST `/app/files/move`. */
export async function moveFromForm(c: AppContext, plugin: PluginContext<FilesConfig>) {
  const form = await parseForm(c, MoveForm);
  const from = parsePath(form.path, 'file', { location: 'body', field: 'path' });
  const to = parsePath(form.to, 'file', { location: 'body', field: 'to' });
  await moveFile({ ctx: filesContext(c, plugin), input: { from, to, overwrite: form.overwrite === 'true' } });
  return redirectTo(c, browseUrl(parentOf(to)), { notice: 'file-moved' });
}
