import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart, readField } from './multipart';

/** The body a browser sends for `form`, cut into chunks of `chunkSize` bytes to cross every boundary. */
async function bodyOf(form: FormData, chunkSize: number) {
  const req = new Request('http://x/', { method: 'POST', body: form });
  const bytes = new Uint8Array(await req.arrayBuffer());
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunkSize) controller.enqueue(bytes.slice(i, i + chunkSize));
      controller.close();
    },
  });
  return { stream, boundary: boundaryOf(req.headers.get('content-type')!) };
}

async function collect(form: FormData, chunkSize: number) {
  const { stream, boundary } = await bodyOf(form, chunkSize);
  const parts: { name: string; filename?: string; contentType?: string; text: string }[] = [];
  for await (const part of parseMultipart(stream, boundary)) {
    parts.push({ name: part.name, ...(part.filename !== undefined ? { filename: part.filename } : {}), ...(part.contentType ? { contentType: part.contentType } : {}), text: await readField(part) });
  }
  return parts;
}

describe('parseMultipart', () => {
  it('streams fields and files, whatever the chunking', async () => {
    const content = `line 1\r\n--not a boundary\r\n${'x'.repeat(5000)}`;
    for (const chunkSize of [1, 7, 64, 1000, 1 << 20]) {
      const form = new FormData();
      form.append('path', 'docs/a.txt');
      form.append('file', new File([content], 'a.txt', { type: 'text/plain' }));
      form.append('files', new File([''], 'empty.bin'));
      expect(await collect(form, chunkSize), `chunk size ${chunkSize}`).toEqual([
        { name: 'path', text: 'docs/a.txt' },
        { name: 'file', filename: 'a.txt', contentType: 'text/plain', text: content },
        { name: 'files', filename: 'empty.bin', contentType: 'application/octet-stream', text: '' },
      ]);
    }
  });

  it('skips a part the consumer did not read', async () => {
    const form = new FormData();
    form.append('first', new File(['ignored'.repeat(100)], 'f.txt'));
    form.append('second', 'kept');
    const { stream, boundary } = await bodyOf(form, 13);
    const seen: string[] = [];
    for await (const part of parseMultipart(stream, boundary)) if (part.name === 'second') seen.push(await readField(part));
    expect(seen).toEqual(['kept']);
  });

  it('refuses bodies that are not multipart or are cut short', async () => {
    expect(() => boundaryOf('application/json')).toThrow(expect.objectContaining({ code: 'FILES_BAD_UPLOAD' }));
    expect(() => boundaryOf(undefined)).toThrow(expect.objectContaining({ code: 'FILES_BAD_UPLOAD' }));
    const truncated = new Response('--b\r\ncontent-disposition: form-data; name="x"\r\n\r\nno end').body!;
    await expect(async () => {
      for await (const part of parseMultipart(truncated, 'b')) await readField(part);
    }).rejects.toMatchObject({ code: 'FILES_BAD_UPLOAD' });
    const garbage = new Response('nothing like a form').body!;
    await expect(async () => {
      for await (const _ of parseMultipart(garbage, 'b')) void _;
    }).rejects.toMatchObject({ code: 'FILES_BAD_UPLOAD' });
  });
});
