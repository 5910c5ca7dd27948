import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

import { LOCAL_S3_CREDENTIALS } from './local-s3-vars';

/** Serves a real S3 API on loopback from a folder, with the bucket created. */
export async function startS3(options: { dataDir: string; port: number; bucket: string }): Promise<LocalS3> {
  mkdirSync(options.dataDir, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    silent: true,
    directory: options.dataDir,
    configureBuckets: [{ name: options.bucket }],
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket: options.bucket,
    ...LOCAL_S3_CREDENTIALS,
    stop: () => server.close(),
  };
}
