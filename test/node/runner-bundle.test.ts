// The runner image's one file: runner/Dockerfile's own esbuild command bundles runner/main.ts, and the
// bundle, run where there is no node_modules, talks to the Worker API through its typed client
// (openapi-fetch inside the bundle). The Worker here is a stand-in answering the claim with a 401.
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { root } from './runner-stack';

const dir = mkdtempSync(join(tmpdir(), 'atoll-runner-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The `npx esbuild ...` command of the Dockerfile's build stage, writing into `outfile`. */
function dockerfileBundleCommand(outfile: string): string {
  const dockerfile = readFileSync(join(root, 'runner/Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const command = /^RUN (npx esbuild runner\/main\.ts .*)$/m.exec(dockerfile)?.[1];
  if (!command?.includes('--outfile=dist/runner.mjs')) throw new Error(`no esbuild bundle step in runner/Dockerfile:\n${dockerfile}`);
  return command.replace('--outfile=dist/runner.mjs', `--outfile=${outfile}`);
}

it('bundles with the Dockerfile command and claims through the typed client', async () => {
  const bundle = join(dir, 'runner.mjs');
  execSync(dockerfileBundleCommand(bundle), { cwd: root, stdio: 'pipe' });

  const seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string } = {};
  const worker = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      Object.assign(seen, { method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(401, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'urn:atoll:problem:unauthorized', title: 'Authentication required', status: 401, detail: 'Unknown API key', code: 'KERNEL_UNAUTHENTICATED', requestId: 'r' }));
    });
  });
  await new Promise<void>((resolve) => worker.listen(0, '127.0.0.1', resolve));
  try {
    const env = {
      PATH: process.env.PATH ?? '',
      ATOLL_URL: `http://127.0.0.1:${(worker.address() as AddressInfo).port}`,
      ATOLL_API_KEY: 'atk_bundle',
      RUNNER_ID: 'bundle-runner',
      RUNNER_TYPES: 'datasets.export',
    };
    // cwd: the temporary folder, so nothing can be resolved from the repository's node_modules.
    const child = spawn(process.execPath, [bundle], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(1);
    expect(output).toMatch(/"msg":"runner cannot work".*POST \/api\/v1\/jobs\/claim -> 401 KERNEL_UNAUTHENTICATED: Unknown API key/);
  } finally {
    worker.close();
  }
  expect(seen).toMatchObject({ method: 'POST', url: '/api/v1/jobs/claim', headers: { authorization: 'Bearer atk_bundle', 'x-runner-id': 'bundle-runner', 'content-type': 'application/json' } });
  expect(JSON.parse(seen.body!)).toEqual({ types: ['datasets.export'], runnerId: 'bundle-runner', max: 2 });
});
