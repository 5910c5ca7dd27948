import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  /** Modules counted (JavaScript and WebAssembly; source maps and notes are not uploaded as code). */
  files: number;
  bytes: number;
  /** Sum of each module gzipped on its own, as Workers' size limit counts them. */
  gzipBytes: number;
}

const MODULE = /\.(m?js|cjs|wasm)$/;

/** Size of the Worker bundle `wrangler deploy --dry-run --outdir <dir>` wrote. */
export function measureBundle(dir: string): BundleSize {
  const size: BundleSize = { files: 0, bytes: 0, gzipBytes: 0 };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !MODULE.test(entry.name)) continue;
    const content = readFileSync(join(entry.parentPath, entry.name));
    size.files++;
    size.bytes += content.length;
    size.gzipBytes += gzipSync(content).length;
  }
  return size;
}
