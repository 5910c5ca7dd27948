// Test helpers for the files plugin's route tests (not a test file itself).
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { bodyOf, bootApp, send } from '../../test/worker/harness';
import { authTestEnv, type SignedUp } from '../../test/worker/identity';
import type { AtollApp } from '../../worker/app';
import { loadKernelConfig } from '../../worker/config';
import type { Env } from '../../worker/env';
import { ObjectStorage } from '../../worker/storage/object-storage';
import { createS3Client } from '../../worker/storage/s3-client';
import { authPlugin } from '../auth';
import { tenantsPlugin } from '../tenants';
import { filesPlugin } from '.';

export const bootFiles = async (overrides: Record<string, string> = {}): Promise<AtollApp> =>
  bootApp([authPlugin(), tenantsPlugin(), filesPlugin()], { ...(await authTestEnv()), FILES_MAX_UPLOAD_BYTES: '', ...overrides });

/** The same bucket the app uses, for arranging objects directly (e.g. 1,005 of them). */
const config = loadKernelConfig(env as unknown as Env);
export const storage = new ObjectStorage(createS3Client(config.s3), config.s3.bucket);

type Who = SignedUp | string | null;

function headersOf(who: Who, tenant: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { ...extra };
  if (who !== null) headers.authorization = `Bearer ${typeof who === 'string' ? who : who.accessToken}`;
  if (tenant) headers['x-tenant-id'] = tenant;
  return headers;
}

/** Asserts the status, printing the body when it differs; returns the parsed body. */
async function expectStatus(res: Response, what: string, status: number, code?: string): Promise<any> {
  const body = await bodyOf(res);
  expect(res.status, `${what}: ${JSON.stringify(body)}`).toBe(status);
  if (code) expect(body.code, `${what}: ${JSON.stringify(body)}`).toBe(code);
  return body;
}

type ApiOptions = { tenant?: string; body?: unknown; status: number; code?: string; headers?: Record<string, string> };

/** A JSON (or body-less) request as `who` in `tenant`. */
export async function api(atoll: AtollApp, method: string, path: string, who: Who, options: ApiOptions): Promise<any> {
  return (await apiRequest(atoll, method, path, who, options)).body;
}

/** As `api`, with the response headers too (e.g. a 201's `Location`). */
export async function apiRequest(atoll: AtollApp, method: string, path: string, who: Who, options: ApiOptions): Promise<{ body: any; headers: Headers }> {
  const headers = headersOf(who, options.tenant, { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers });
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const res = await send(atoll, path, { method, headers, ...(body === undefined ? {} : { body }) });
  return { body: await expectStatus(res, `${method} ${path}`, options.status, options.code), headers: res.headers };
}

/** A raw response for a request as `who` in `tenant` (downloads, HEAD). */
export const rawRequest = (atoll: AtollApp, method: string, path: string, who: Who, tenant: string, headers: Record<string, string> = {}) =>
  send(atoll, path, { method, headers: headersOf(who, tenant, headers) });

type FormOptions = {
  tenant?: string;
  fields?: Record<string, string>;
  files?: { field: string; name: string; content: string | Uint8Array<ArrayBuffer>; type?: string }[];
  status: number;
  code?: string;
};

/** Sends a multipart form (fields in order, then files) to `path`. */
export async function postForm(atoll: AtollApp, path: string, who: Who, options: FormOptions): Promise<any> {
  return (await formRequest(atoll, path, who, options)).body;
}

/** As `postForm`, with the response headers too. */
export async function formRequest(atoll: AtollApp, path: string, who: Who, options: FormOptions): Promise<{ body: any; headers: Headers }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
  for (const file of options.files ?? []) form.append(file.field, new File([file.content], file.name, file.type ? { type: file.type } : {}));
  const res = await send(atoll, path, { method: 'POST', headers: headersOf(who, options.tenant), body: form });
  return { body: await expectStatus(res, `POST ${path}`, options.status, options.code), headers: res.headers };
}

/** Uploads one file through `POST /api/v1/files` and expects `status` (201 by default). */
export const upload = (
  atoll: AtollApp,
  who: Who,
  tenant: string,
  path: string,
  content: string | Uint8Array<ArrayBuffer>,
  extra: { overwrite?: boolean; type?: string; status?: number; code?: string } = {},
) =>
  postForm(atoll, '/api/v1/files', who, {
    tenant,
    fields: { path, ...(extra.overwrite === undefined ? {} : { overwrite: String(extra.overwrite) }) },
    files: [{ field: 'file', name: path.split('/').at(-1)!, content, ...(extra.type ? { type: extra.type } : {}) }],
    status: extra.status ?? 201,
    ...(extra.code ? { code: extra.code } : {}),
  });

export const q = (path: string) => encodeURIComponent(path);
export const text = async (res: Response) => res.text();
