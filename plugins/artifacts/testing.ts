// Test helpers for the artifacts plugin (not a test file itself).
import { env } from 'cloudflare:workers';
import type { AtollApp } from '../../worker/app';
import { loadKernelConfig } from '../../worker/config';
import type { Env } from '../../worker/env';
import { ObjectStorage } from '../../worker/storage/object-storage';
import { createS3Client } from '../../worker/storage/s3-client';
import { call, newProject, team } from '../projects/testing';

const config = loadKernelConfig(env as unknown as Env);
/** The test bucket, to check what the plugin stored (and deleted). */
export const storage = new ObjectStorage(createS3Client(config.s3), config.s3.bucket);

export const keysUnder = async (prefix: string) => {
  const keys: string[] = [];
  for await (const o of storage.listAll(prefix)) keys.push(o.key);
  return keys;
};

/** A team with a project, ready for artifacts. */
export async function teamWithProject(atoll: AtollApp, label = 'art') {
  const t = await team(atoll, label);
  const project = await newProject(atoll, t.owner, t.tenant.id);
  return { ...t, project };
}

export const newArtifact = (atoll: AtollApp, who: Parameters<typeof call>[3], tenantId: string, projectId: string, body: Record<string, unknown> = {}) =>
  call(atoll, 'POST', `/api/v1/projects/${projectId}/artifacts`, who, { tenant: tenantId, body: { name: 'result', kind: 'dataset', ...body }, status: 201 });

export const sha256 = async (data: string | Uint8Array) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? new TextEncoder().encode(data) : data))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Presigns, PUTs the bytes to the presigned URL (real HTTP to s3rver) and completes: a new version. */
export async function uploadVersion(atoll: AtollApp, who: Parameters<typeof call>[3], tenantId: string, artifactId: string, content: string, contentType = 'text/plain') {
  const upload = await call(atoll, 'POST', `/api/v1/artifacts/${artifactId}/uploads`, who, {
    tenant: tenantId,
    body: { size: new TextEncoder().encode(content).length, contentType, checksum: await sha256(content) },
    status: 201,
  });
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: content });
  if (put.status !== 200) throw new Error(`PUT failed ${put.status}: ${await put.text()}`);
  return call(atoll, 'POST', `/api/v1/artifacts/${artifactId}/uploads/${upload.uploadId}/complete`, who, { tenant: tenantId, status: 201 });
}

export { call };
