import { createRoute, defineRoute, type PluginContext, problemResponses } from 'atoll/plugin';
import { deleteFile, deleteFiles } from '../services/delete-files';
import { parsePath } from '../services/file-path';
import { listFiles } from '../services/list-files';
import { DELETE, READ } from './access';
import { type FilesConfig, filesContext } from './context';
import { DeletedSchema, DeleteManyBody, FileListSchema, json, jsonBody, ListQuery, PathQuery } from './schemas';

const list = createRoute({
  method: 'get',
  path: '/files',
  operationId: 'files.listFiles',
  summary: 'List files under a prefix; delimiter=/ groups sub-folders; cursor pages (limit 1-1000)',
  request: { query: ListQuery },
  responses: { 200: json(FileListSchema, 'A page of files and folders'), ...problemResponses() },
});

const remove = createRoute({
  method: 'delete',
  path: '/files',
  operationId: 'files.deleteFile',
  summary: 'Delete a file (admin)',
  request: { query: PathQuery },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(404) },
});

const removeMany = createRoute({
  method: 'post',
  path: '/files/delete',
  operationId: 'files.deleteFiles',
  summary: 'Delete up to 1,000 files at once (admin); missing paths count as deleted',
  request: jsonBody(DeleteManyBody),
  responses: { 200: json(DeletedSchema, 'What was deleted'), ...problemResponses() },
});

export const listRoutes = (plugin: PluginContext<FilesConfig>) => [
  defineRoute(
    list,
    async (c) => {
      const query = c.req.valid('query');
      const prefix = parsePath(query.prefix, 'prefix', { location: 'query', field: 'prefix' });
      const page = await listFiles({
        ctx: filesContext(c, plugin),
        input: { prefix, limit: query.limit, ...(query.delimiter ? { delimiter: query.delimiter } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) },
      });
      return c.json(page, 200);
    },
    { access: READ },
  ),
  defineRoute(
    remove,
    async (c) => {
      const path = parsePath(c.req.valid('query').path, 'file', { location: 'query', field: 'path' });
      await deleteFile({ ctx: filesContext(c, plugin), input: { path } });
      return c.body(null, 204);
    },
    { access: DELETE },
  ),
  defineRoute(
    removeMany,
    async (c) => {
      const paths = c.req.valid('json').paths.map((p, i) => parsePath(p, 'file', { location: 'body', field: `paths.${i}` }));
      return c.json(await deleteFiles({ ctx: filesContext(c, plugin), input: { paths } }), 200);
    },
    { access: DELETE },
  ),
];
