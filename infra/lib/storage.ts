import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { AtollEnvironment } from '../config';

/** The lifecycle tag the rules below act on (`atoll-lifecycle=staging|job-result`). */
export const LIFECYCLE_TAG = 'atoll-lifecycle';

/**
 * The Worker's bucket (files, artifact contents, dataset uploads, job results; every key under
 * `tenants/<id>/`) and the bucket its access logs and the VPC flow logs go to.
 */
export class AtollStorage extends Construct {
  readonly bucket: s3.Bucket;
  readonly logs: s3.Bucket;

  constructor(scope: Construct, id: string, config: AtollEnvironment) {
    super(scope, id);

    this.logs = new s3.Bucket(this, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(config.logDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself: logging it into itself would loop, and into another bucket only moves the question.',
    });

    const uploadOrigins = [config.workerOrigin, ...config.extraUploadOrigins];
    this.bucket = new s3.Bucket(this, 'Files', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'files-access/',
      // Browsers PUT to presigned URLs with the signed content-type; GET/HEAD serve presigned downloads read by scripts.
      cors: [
        {
          allowedOrigins: uploadOrigins,
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ['content-type'],
          exposedHeaders: ['ETag'],
          maxAge: 3600,
        },
      ],
      lifecycleRules: [
        // Streamed uploads the Worker could not abort (a crash mid-upload) leave parts behind.
        { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Versioning keeps overwritten and deleted objects (completed staging uploads among them) for a while, not forever.
        { id: 'expire-noncurrent-versions', noncurrentVersionExpiration: Duration.days(config.noncurrentVersionDays) },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
        // Keys are per tenant first (`tenants/<id>/…`), so these rules select by tag, not prefix.
        { id: 'expire-staging-uploads', tagFilters: { [LIFECYCLE_TAG]: 'staging' }, expiration: Duration.days(config.stagingUploadDays) },
        { id: 'expire-job-results', tagFilters: { [LIFECYCLE_TAG]: 'job-result' }, expiration: Duration.days(config.jobResultDays) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
