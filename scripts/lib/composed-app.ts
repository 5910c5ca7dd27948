import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Atoll's own folder: the kernel's migrations and the first-party plugins live here. */
export const ATOLL_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The Worker a dev or migrate command runs: Atoll's own, or one composed in another folder. */
export interface ComposedApp {
  /** Its folder: `.dev.vars`, `.dev.vars.example` and the dev stack's `.data/` live here. */
  dir: string;
  /** Its wrangler configuration. */
  config: string;
  /** The module exporting its `installedPlugins`, the list its Worker entry gives `createAtoll`. */
  pluginList: string;
}

/** Atoll's own Worker: wrangler.jsonc and worker/plugins.ts of this checkout. */
export const ATOLL_APP: ComposedApp = {
  dir: ATOLL_ROOT,
  config: join(ATOLL_ROOT, 'wrangler.jsonc'),
  pluginList: join(ATOLL_ROOT, 'worker/plugins.ts'),
};

/**
 * Reads `--plugins <module>` from a command's arguments: with it, the app is the one in the current
 * folder (its wrangler.jsonc, the plugin list at that path), as `npm run dev` in a composed app's
 * folder runs it; without it, Atoll's own. The other arguments are returned for the command.
 *
 * @example
 * const { app, rest } = composedAppFromArgs(['--plugins', 'src/plugins.ts', '--env', 'staging'], '/srv/my-app');
 * // app.config === '/srv/my-app/wrangler.jsonc', rest = ['--env', 'staging']
 */
export function composedAppFromArgs(args: readonly string[], cwd = process.cwd()): { app: ComposedApp; rest: string[] } {
  const { values, tokens } = parseArgs({ args: [...args], options: { plugins: { type: 'string' } }, strict: false, tokens: true });
  // The other arguments keep their order and spelling: parseArgs only says where `--plugins` was.
  const consumed = new Set<number>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name !== 'plugins') continue;
    consumed.add(token.index);
    if (!token.inlineValue) consumed.add(token.index + 1);
  }
  const rest = args.filter((_, i) => !consumed.has(i));
  if (typeof values.plugins !== 'string') return { app: ATOLL_APP, rest };
  const app = { dir: cwd, config: join(cwd, 'wrangler.jsonc'), pluginList: resolve(cwd, values.plugins) };
  for (const file of [app.config, app.pluginList]) {
    if (!existsSync(file)) throw new Error(`${file} does not exist: run this in the composed app's folder, with --plugins naming its plugin list`);
  }
  return { app, rest };
}
