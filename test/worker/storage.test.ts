import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { loadKernelConfig } from '../../worker/config';
import type { Env } from '../../worker/env';
import { ObjectStorage } from '../../worker/storage/object-storage';
import { createS3Client } from '../../worker/storage/s3-client';

const config = loadKernelConfig(env as unknown as Env);
const storage = new ObjectStorage(createS3Client(config.s3), config.s3.bucket);
const prefix = () => `test/${crypto.randomUUID()}/`;
const sha256 = async (bytes: Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))));
const text = async (body: ReadableStream<Uint8Array>) => new Response(body).text();

describe('ObjectStorage against a real S3 API (s3rver)', () => {
  it('puts, heads, gets whole and by range, and deletes', async () => {
    const key = `${prefix()}hello.txt`;
    await storage.put(key, 'hello, world', { contentType: 'text/plain' });
    expect(await storage.head(key)).toMatchObject({ key, size: 12, contentType: 'text/plain' });
    const whole = await storage.get(key);
    expect(whole?.status).toBe(200);
    expect(await text(whole!.body)).toBe('hello, world');
    const part = await storage.get(key, { range: 'bytes=7-11' });
    expect(part?.status).toBe(206);
    expect(part?.contentRange).toBe('bytes 7-11/12');
    expect(part?.size).toBe(12);
    expect(await text(part!.body)).toBe('world');
    await storage.delete(key);
    expect(await storage.head(key)).toBeNull();
    expect(await storage.get(key)).toBeNull();
  });

  it('streams a body of known length', async () => {
    const key = `${prefix()}stream.bin`;
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    const stream = new Response(bytes).body!;
    await storage.put(key, stream, { contentLength: bytes.length });
    const back = new Uint8Array(await new Response((await storage.get(key))!.body).arrayBuffer());
    expect(back).toEqual(bytes);
  });

  it('uploads streams of unknown length, in one request or in 5 MiB parts', async () => {
    const small = `${prefix()}small.txt`;
    expect(await storage.upload(small, new Response('tiny').body!, { contentType: 'text/plain' })).toMatchObject({ size: 4 });
    expect(await storage.head(small)).toMatchObject({ size: 4, contentType: 'text/plain' });
    const big = `${prefix()}big.bin`;
    const bytes = new Uint8Array(11 * 1024 * 1024 + 17).map((_, i) => (i * 7) % 256);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 300_001) controller.enqueue(bytes.slice(i, i + 300_001));
        controller.close();
      },
    });
    expect(await storage.upload(big, chunked, { contentType: 'application/octet-stream' })).toMatchObject({ size: bytes.length });
    const back = new Uint8Array(await new Response((await storage.get(big))!.body).arrayBuffer());
    expect(back.length).toBe(bytes.length);
    expect(await sha256(back)).toBe(await sha256(bytes)); // not toEqual: a diff of 11 MB would not fit in memory
  });

  it('leaves no object when the stream fails mid-upload, and rethrows its error', async () => {
    const key = `${prefix()}broken.bin`;
    let sent = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 6 * 1024 * 1024) return controller.error(new Error('client went away'));
        sent += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    await expect(storage.upload(key, failing)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(await storage.head(key)).toBeNull();
  });

  it('lists with folders and pages, copies, and deletes many', async () => {
    const base = prefix();
    for (const name of ['a.txt', 'b.txt', 'docs/c.txt', 'docs/d.txt']) await storage.put(`${base}${name}`, name);
    const top = await storage.list({ prefix: base, delimiter: '/' });
    expect(top.objects.map((o) => o.key)).toEqual([`${base}a.txt`, `${base}b.txt`]);
    expect(top.prefixes).toEqual([`${base}docs/`]);
    const first = await storage.list({ prefix: base, limit: 3 });
    expect(first.objects).toHaveLength(3);
    expect(first.nextCursor).toBeDefined();
    const rest = await storage.list({ prefix: base, limit: 3, cursor: first.nextCursor! });
    expect(rest.objects.map((o) => o.key)).toEqual([`${base}docs/d.txt`]);
    expect(rest.nextCursor).toBeUndefined();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.list({ prefix: base, delimiter: '/', limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.objects.map((o) => o.key), ...page.prefixes);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([`${base}a.txt`, `${base}b.txt`, `${base}docs/`]);
    await expect(storage.list({ prefix: base, cursor: 'not a cursor!' })).rejects.toMatchObject({ kind: 'validation' });
    const elsewhere = (await storage.list({ prefix: base, limit: 1 })).nextCursor!;
    await expect(storage.list({ prefix: prefix(), cursor: elsewhere })).rejects.toMatchObject({ kind: 'validation' });
    await storage.copy(`${base}a.txt`, `${base}copy of a.txt`);
    expect(await text((await storage.get(`${base}copy of a.txt`))!.body)).toBe('a.txt');
    const all: string[] = [];
    for await (const o of storage.listAll(base)) all.push(o.key);
    expect(all).toHaveLength(5);
    expect(await storage.deleteMany(all)).toEqual({ failed: [] });
    expect((await storage.list({ prefix: base })).objects).toEqual([]);
  });

  it('presigns downloads and uploads that work', async () => {
    const key = `${prefix()}signed.txt`;
    const put = await storage.presignPut(key, { expiresIn: 300, contentLength: 6, contentType: 'text/plain' });
    expect(put.headers).toEqual({ 'content-length': '6', 'content-type': 'text/plain' });
    const uploaded = await fetch(put.url, { method: 'PUT', headers: put.headers, body: 'signed' });
    expect(uploaded.status).toBe(200);
    const url = await storage.presignGet(key, { expiresIn: 60, filename: 'report final.txt' });
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
    const got = await fetch(url);
    expect(await got.text()).toBe('signed');
    expect(got.headers.get('content-disposition')).toContain("filename*=UTF-8''report%20final.txt");
  });

  it('caps presigned lifetimes at 7 days', async () => {
    const url = await storage.presignGet(`${prefix()}x`, { expiresIn: 30 * 24 * 3600 });
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe(String(7 * 24 * 3600));
  });

  it('maps an unreachable endpoint to 503 without AWS text', async () => {
    const down = new ObjectStorage(createS3Client({ ...config.s3, endpoint: 'http://127.0.0.1:9' }), config.s3.bucket);
    await expect(down.list({ prefix: 'x/' })).rejects.toMatchObject({ kind: 'unavailable', code: 'KERNEL_STORAGE_UNAVAILABLE', message: 'Object storage is unavailable; try again shortly' });
  });
});
