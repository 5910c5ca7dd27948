import { notFound, validationFailed } from 'atoll/plugin';

/** Every error code the analytics plugin returns. */
export const AnalyticsErrorCode = {
  DATASET_NOT_FOUND: 'ANALYTICS_DATASET_NOT_FOUND',
  INVALID_RANGE: 'ANALYTICS_INVALID_RANGE',
  TOO_MANY_BUCKETS: 'ANALYTICS_TOO_MANY_BUCKETS',
  /** A query the server built failed (500, logged): never the caller's fault. */
  QUERY_FAILED: 'ANALYTICS_QUERY_FAILED',
} as const;

export const datasetNotFound = () => notFound(AnalyticsErrorCode.DATASET_NOT_FOUND, 'No such dataset in this tenant');
export const invalidRange = (message: string) =>
  validationFailed(AnalyticsErrorCode.INVALID_RANGE, 'The time range is invalid', [
    { location: 'query', path: 'from', message },
    { location: 'query', path: 'to', message },
  ]);
export const tooManyBuckets = (count: number, max: number) => {
  const message = `[from, to) spans ${count} buckets at this bucket size; at most ${max} are allowed: narrow the range or use a larger bucket`;
  return validationFailed(AnalyticsErrorCode.TOO_MANY_BUCKETS, 'Too many buckets', [
    { location: 'query', path: 'from', message },
    { location: 'query', path: 'to', message },
    { location: 'query', path: 'bucket', message },
  ]);
};
