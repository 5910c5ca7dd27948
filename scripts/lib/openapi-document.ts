// The OpenAPI document as the Worker serves it at /api/openapi.json, produced in Node: the app is
// built by the same createApp with the installed plugins and asked for the document in process. No
// workerd, database, S3 or network is involved (the document route touches none of them), so the
// linter, the runner's generated client and their tests all see the served document in ~3 s.
import { createHash } from 'node:crypto';

/** An OpenAPI 3.1 document as JSON (only what our tools read is typed). */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

interface WorkerModules {
  createApp(env: unknown, plugins: unknown[]): Promise<{ app: { request(path: string): Promise<Response> | Response } }>;
  installedPlugins(): unknown[];
}

// Placeholders for the kernel's required settings: they are validated at boot but never used by the
// document route. Plugin settings keep their defaults, as in a deployment that sets none.
const DOCUMENT_ENV = {
  APP_ENV: 'production',
  LOG_LEVEL: 'error',
  S3_BUCKET: 'atoll-openapi',
  S3_ACCESS_KEY_ID: 'unused',
  S3_SECRET_ACCESS_KEY: 'unused',
  HYPERDRIVE: { connectionString: 'postgres://unused@127.0.0.1:9/unused' },
};

// Variable specifiers keep the Worker's files out of this (Node) type-check: tsconfig.json checks
// them with the Workers types.
const APP_MODULE = '../../worker/app';
const PLUGINS_MODULE = '../../worker/plugins';

/** The body of `GET /api/openapi.json`, byte for byte as the Worker sends it. */
export async function servedOpenApiText(): Promise<string> {
  const [{ createApp }, { installedPlugins }] = (await Promise.all([import(APP_MODULE), import(PLUGINS_MODULE)])) as [WorkerModules, WorkerModules];
  const { app } = await createApp(DOCUMENT_ENV, installedPlugins());
  const res = await app.request('/api/openapi.json');
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /api/openapi.json -> ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

/**
 * @example
 * const doc = await servedOpenApiDocument();
 * console.log(Object.keys(doc.paths).length);
 */
export async function servedOpenApiDocument(): Promise<OpenApiDocument> {
  return JSON.parse(await servedOpenApiText()) as OpenApiDocument;
}

/** SHA-256 (hex) of the served document's text: what the generated client records it was made from. */
export const openApiDigest = (text: string) => createHash('sha256').update(text).digest('hex');
