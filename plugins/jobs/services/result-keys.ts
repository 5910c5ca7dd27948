/** Where a job's result files live: `tenants/<tenantId>/jobs/<jobId>/results/<name>`. */
export const resultPrefix = (tenantId: string, jobId: string) => `tenants/${tenantId}/jobs/${jobId}/results/`;

/** Result file names: a plain file name (no folders, no leading dot), at most 200 characters. */
export const RESULT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
