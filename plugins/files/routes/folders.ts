import { createRoute, defineRoute, type PluginContext, problemResponses } from 'atoll/plugin';
import { parsePath } from '../services/file-path';
import { createFolder, deleteFolder } from '../services/folders';
import { DELETE, WRITE } from './access';
import { folderUrl } from './content';
import { type FilesConfig, filesContext } from './context';
import { FolderBody, FolderDeletedSchema, FolderSchema, json, jsonBody, PathQuery } from './schemas';

const create = createRoute({
  method: 'post',
  path: '/files/folders',
  operationId: 'files.createFolder',
  summary: 'Create an empty folder (a zero-byte "path/" marker)',
  request: jsonBody(FolderBody),
  responses: { 201: json(FolderSchema, 'The folder, with a trailing /'), ...problemResponses(409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/files/folders',
  operationId: 'files.deleteFolder',
  summary: 'Delete a folder and everything in it, any number of files (admin)',
  request: { query: PathQuery },
  responses: { 200: json(FolderDeletedSchema, 'How many objects were deleted'), ...problemResponses(404) },
});

export const folderRoutes = (plugin: PluginContext<FilesConfig>) => [
  defineRoute(
    create,
    async (c) => {
      const path = parsePath(c.req.valid('json').path, 'folder', { location: 'body', field: 'path' });
      const folder = await createFolder({ ctx: filesContext(c, plugin), input: { path } });
      return c.json(folder, 201, { location: folderUrl(folder.path) });
    },
    { access: WRITE },
  ),
  defineRoute(
    remove,
    async (c) => {
      const path = parsePath(c.req.valid('query').path, 'folder', { location: 'query', field: 'path' });
      return c.json(await deleteFolder({ ctx: filesContext(c, plugin), input: { path } }), 200);
    },
    { access: DELETE },
  ),
];
