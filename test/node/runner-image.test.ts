// The runner image stays on a supported Node LTS (Node 20 left support in April 2026), and esbuild
// targets the Node version the image runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repositoryRoot } from '../../scripts/lib/wrangler-environments';

it('builds and runs the runner on one Node LTS release from 22 up, and bundles for it', () => {
  const dockerfile = readFileSync(join(repositoryRoot, 'runner/Dockerfile'), 'utf8');
  const majors = [...dockerfile.matchAll(/^FROM node:(\d+)-slim\b/gm)].map((m) => Number(m[1]));
  expect(majors.length, dockerfile).toBe(2);
  expect(new Set(majors).size, 'build and run stages on different Node versions').toBe(1);
  const [major] = majors as [number];
  expect(major % 2 === 0 && major >= 22, `node:${major} is not a supported LTS line`).toBe(true);
  expect(dockerfile).toContain(`--target=node${major} `);
});
