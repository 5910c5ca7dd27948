import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../config';

/**
 * The S3 client for AWS S3, R2's S3 API, MinIO or local s3rver, from validated config. The SDK's
 * fetch handler keeps no sockets, so one client per isolate is safe to share between requests.
 */
export function createS3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    maxAttempts: 2,
    // Checksums only where S3 requires them: the SDK's default CRC32 wraps streamed bodies in a way
    // workerd refuses, and R2, MinIO and s3rver differ in which checksum headers they accept.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Resolves when the bucket answers HeadBucket within `timeoutMs`; throws otherwise. */
export async function probeBucket(client: S3Client, bucket: string, timeoutMs: number): Promise<void> {
  await client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: AbortSignal.timeout(timeoutMs) });
}
