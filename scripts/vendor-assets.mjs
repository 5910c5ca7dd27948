// Copies browser assets from installed packages into the Worker's static assets (views/public),
// so htmx, the API reference and the SQL console's editor are served by the app itself and work offline.

import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const vendor = join(root, 'views/public/static/vendor');
const pkgDir = (name) => dirname(require.resolve(`${name}/package.json`));

const files = [
  [join(pkgDir('htmx.org'), 'dist/htmx.min.js'), 'htmx.min.js'],
  [join(pkgDir('htmx-ext-ws'), 'dist/ws.min.js'), 'htmx-ext-ws.js'],
  [join(pkgDir('swagger-ui-dist'), 'swagger-ui-bundle.js'), 'swagger-ui/swagger-ui-bundle.js'],
  [join(pkgDir('swagger-ui-dist'), 'swagger-ui.css'), 'swagger-ui/swagger-ui.css'],
];

for (const [from, to] of files) {
  if (!existsSync(from)) throw new Error(`vendor-assets: ${from} is missing; run npm install`);
  const target = join(vendor, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(from, target);
}
// CodeMirror ships as ES modules: one minified script for the SQL console (scripts/codemirror-entry.mjs).
buildSync({
  entryPoints: [join(root, 'scripts/codemirror-entry.mjs')],
  outfile: join(vendor, 'codemirror.js'),
  bundle: true,
  format: 'iife',
  globalName: 'AtollCodeMirror',
  minify: true,
  target: 'es2020',
  legalComments: 'eof',
  logLevel: 'warning',
});
console.log(`vendor-assets: ${files.length + 1} files in views/public/static/vendor`);
