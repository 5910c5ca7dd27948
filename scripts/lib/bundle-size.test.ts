import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { measureBundle } from './bundle-size';

const dir = mkdtempSync(join(tmpdir(), 'atoll-bundle-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('counts the modules wrangler wrote (JavaScript and WebAssembly, in sub-folders too), not maps or notes', () => {
  const code = Buffer.from('export default { fetch() { return new Response("ok"); } };\n'.repeat(50));
  const wasm = Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]);
  mkdirSync(join(dir, 'chunks'));
  writeFileSync(join(dir, 'index.js'), code);
  writeFileSync(join(dir, 'chunks', 'parser.wasm'), wasm);
  writeFileSync(join(dir, 'index.js.map'), Buffer.alloc(10_000, 1));
  writeFileSync(join(dir, 'README.md'), 'This folder contains the built output assets for the worker.');
  expect(measureBundle(dir)).toEqual({ files: 2, bytes: code.length + wasm.length, gzipBytes: gzipSync(code).length + gzipSync(wasm).length });
});
