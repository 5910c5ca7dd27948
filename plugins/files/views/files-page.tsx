import { type AppContext, getTenant, type PluginContext, roleAtLeast } from 'atoll/plugin';
import { type FilesConfig, filesContext } from '../routes/context';
import { baseName, parsePath } from '../services/file-path';
import { listFiles } from '../services/list-files';

const PAGE_SIZE = 200;

export const folderOf = (c: AppContext) => {
  const raw = c.req.query('folder') ?? '';
  return raw === '' ? '' : parsePath(raw, 'folder', { location: 'query', field: 'folder' });
};

export const browseUrl = (folder: string) => (folder ? `/app/files?folder=${encodeURIComponent(folder)}` : '/app/files');
export const downloadUrl = (path: string) => `/api/v1/files/content?path=${encodeURIComponent(path)}`;

const size = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : bytes < 1024 ** 3 ? `${(bytes / 1024 ** 2).toFixed(1)} MiB` : `${(bytes / 1024 ** 3).toFixed(2)} GiB`;

/** Root / a / b, each a link to its folder. */
function Breadcrumbs({ folder }: { folder: string }) {
  const names = folder.split('/').filter(Boolean);
  return (
    <nav aria-label="Folders" class="breadcrumbs" id="breadcrumbs">
      <a href={browseUrl('')}>Files</a>
      {names.map((name, i) => (
        <>
          {' / '}
          <a href={browseUrl(`${names.slice(0, i + 1).join('/')}/`)}>{name}</a>
        </>
      ))}
    </nav>
  );
}

/** `/app/files?folder=a/b/`: the tenant's folder with its sub-folders and files, upload and actions. */
export async function FilesPage(c: AppContext, plugin: PluginContext<FilesConfig>) {
  const folder = folderOf(c);
  const tenant = getTenant(c);
  const canWrite = roleAtLeast(tenant.role, 'member');
  const canDelete = roleAtLeast(tenant.role, 'admin');
  const cursor = c.req.query('cursor');
  const page = await listFiles({ ctx: filesContext(c, plugin), input: { prefix: folder, delimiter: '/', limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } });
  return (
    <>
      <Breadcrumbs folder={folder} />
      {canWrite ? (
        <section class="file-tools">
          <div class="upload">
            <label for="file-input">
              Upload files <small class="muted">or drop them onto the list; at most {size(plugin.config.maxUploadBytes)} each</small>
              <input id="file-input" type="file" multiple />
            </label>
            <label class="checkbox" for="upload-overwrite">
              <input id="upload-overwrite" type="checkbox" /> Replace files with the same name
            </label>
            <progress id="upload-progress" value="0" max="100" hidden></progress>
            <p id="upload-status" role="status" aria-live="polite"></p>
          </div>
          <form class="inline" method="post" action="/app/files/folders" id="create-folder">
            <input type="hidden" name="folder" value={folder} />
            <label for="folder-name">
              New folder
              <input id="folder-name" name="name" required maxlength={255} />
            </label>
            <button type="submit">Create folder</button>
          </form>
        </section>
      ) : null}
      <div class="table-scroll" tabindex={0}>
        <table id="files" data-folder={folder} data-drop-zone={canWrite ? 'true' : undefined}>
          <caption>{folder ? `Folder ${folder}` : 'All files'}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Size</th>
              <th scope="col">Modified</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {page.folders.map((path) => (
              <tr data-folder-path={path}>
                <td>
                  <a href={browseUrl(path)}>{baseName(path)}/</a>
                </td>
                <td>—</td>
                <td>—</td>
                <td>
                  {canDelete ? (
                    <form class="inline" method="get" action="/app/files/delete">
                      <input type="hidden" name="path" value={path} />
                      <button type="submit" class="danger delete-folder">
                        Delete…
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
            {page.files.map((file) => (
              <tr data-path={file.path}>
                <td>{baseName(file.path)}</td>
                <td>{size(file.size)}</td>
                <td>{file.lastModified ? `${file.lastModified.replace('T', ' ').slice(0, 16)} UTC` : '—'}</td>
                <td class="actions">
                  <a class="download button" href={downloadUrl(file.path)} hx-boost="false" download={baseName(file.path)}>
                    Download
                  </a>
                  {canWrite ? (
                    <form class="inline" method="get" action="/app/files/move">
                      <input type="hidden" name="path" value={file.path} />
                      <button type="submit" class="secondary move">
                        Rename / move…
                      </button>
                    </form>
                  ) : null}
                  {canDelete ? (
                    <form class="inline" method="get" action="/app/files/delete">
                      <input type="hidden" name="path" value={file.path} />
                      <button type="submit" class="danger delete">
                        Delete…
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
            {page.folders.length + page.files.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  {canWrite ? 'No files here yet: upload some or drop them here.' : 'No files here yet.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {page.nextCursor ? (
        <p>
          <a href={`${browseUrl(folder)}${folder ? '&' : '?'}cursor=${encodeURIComponent(page.nextCursor)}`}>Next page</a>
        </p>
      ) : null}
      <script src="/static/files-upload.js" defer></script>
    </>
  );
}
