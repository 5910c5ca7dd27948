import { createRoute, defineRoute, type PluginContext, problemResponses } from 'atoll/plugin';
import { copyFile, moveFile } from '../services/copy-file';
import { parsePath } from '../services/file-path';
import { WRITE } from './access';
import { fileUrl } from './content';
import { type FilesConfig, filesContext } from './context';
import { CopyBody, FileSchema, json, jsonBody } from './schemas';

const copy = createRoute({
  method: 'post',
  path: '/files/copy',
  operationId: 'files.copyFile',
  summary: 'Copy a file; onto an existing name only with overwrite=true',
  request: jsonBody(CopyBody),
  responses: { 201: json(FileSchema, 'The copy'), ...problemResponses(404, 409) },
});

const move = createRoute({
  method: 'post',
  path: '/files/move',
  operationId: 'files.moveFile',
  summary: 'Move or rename a file; onto an existing name only with overwrite=true',
  request: jsonBody(CopyBody),
  responses: { 200: json(FileSchema, 'The file at its new path'), ...problemResponses(404, 409) },
});

export const copyRoutes = (plugin: PluginContext<FilesConfig>) => {
  const inputOf = (body: { from: string; to: string; overwrite: boolean }) => ({
    from: parsePath(body.from, 'file', { location: 'body', field: 'from' }),
    to: parsePath(body.to, 'file', { location: 'body', field: 'to' }),
    overwrite: body.overwrite,
  });
  return [
    defineRoute(
      copy,
      async (c) => {
        const file = await copyFile({ ctx: filesContext(c, plugin), input: inputOf(c.req.valid('json')) });
        return c.json(file, 201, { location: fileUrl(file.path) });
      },
      { access: WRITE },
    ),
    defineRoute(move, async (c) => c.json(await moveFile({ ctx: filesContext(c, plugin), input: inputOf(c.req.valid('json')) }), 200), { access: WRITE }),
  ];
};
