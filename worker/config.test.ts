import { describe, expect, it } from 'vitest';
import { ConfigError, loadKernelConfig } from './config';
import type { Env } from './env';

const hyperdrive = { connectionString: 'postgres://atoll:atoll@127.0.0.1:5432/atoll' } as unknown as Hyperdrive;
const valid: Env = {
  HYPERDRIVE: hyperdrive,
  S3_BUCKET: 'atoll-data',
  S3_ACCESS_KEY_ID: 'AKIA-test',
  S3_SECRET_ACCESS_KEY: 'very-secret-value',
};

function configError(env: Env): ConfigError {
  try {
    loadKernelConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('kernel configuration', () => {
  it('applies defaults', () => {
    const config = loadKernelConfig(valid);
    expect(config).toMatchObject({
      appEnv: 'production',
      logLevel: 'info',
      corsOrigins: [],
      maxBodyBytes: 1024 * 1024,
      database: { driver: 'hyperdrive', connectionString: hyperdrive.connectionString },
      s3: { region: 'us-east-1', bucket: 'atoll-data', forcePathStyle: false },
    });
  });

  it('treats blank variables as unset', () => {
    const config = loadKernelConfig({ ...valid, LOG_LEVEL: '', MAX_BODY_BYTES: '', DATABASE_URL: '', S3_ENDPOINT: '' });
    expect(config.logLevel).toBe('info');
    expect(config.maxBodyBytes).toBe(1024 * 1024);
    expect(config.database.driver).toBe('hyperdrive');
    expect(config.s3.endpoint).toBeUndefined();
  });

  it('switches to the Neon driver when DATABASE_URL is set', () => {
    const config = loadKernelConfig({ ...valid, HYPERDRIVE: undefined, DATABASE_URL: 'postgres://u:p@ep-x.neon.tech/db', NEON_LOCAL_PROXY: '127.0.0.1:5480' });
    expect(config.database).toEqual({ driver: 'neon', connectionString: 'postgres://u:p@ep-x.neon.tech/db', localProxy: '127.0.0.1:5480' });
  });

  it('parses CORS origins, body limit and path style', () => {
    const config = loadKernelConfig({ ...valid, CORS_ORIGINS: 'https://a.example, https://b.example:8443', MAX_BODY_BYTES: '2048', S3_FORCE_PATH_STYLE: 'true' });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(config.maxBodyBytes).toBe(2048);
    expect(config.s3.forcePathStyle).toBe(true);
  });

  it.each<[string, string, Env]>([
    ['missing bucket', 'S3_BUCKET', { ...valid, S3_BUCKET: undefined }],
    ['missing S3 secret', 'S3_SECRET_ACCESS_KEY', { ...valid, S3_SECRET_ACCESS_KEY: undefined }],
    ['no database at all', 'HYPERDRIVE', { ...valid, HYPERDRIVE: undefined }],
    ['non-postgres DATABASE_URL', 'DATABASE_URL', { ...valid, DATABASE_URL: 'mysql://x' }],
    ['bad log level', 'LOG_LEVEL', { ...valid, LOG_LEVEL: 'verbose' }],
    ['non-numeric body limit', 'MAX_BODY_BYTES', { ...valid, MAX_BODY_BYTES: 'lots' }],
    ['tiny body limit', 'MAX_BODY_BYTES', { ...valid, MAX_BODY_BYTES: '10' }],
    ['CORS origin with a path', 'CORS_ORIGINS', { ...valid, CORS_ORIGINS: 'https://a.example/app' }],
    ['bad S3 endpoint', 'S3_ENDPOINT', { ...valid, S3_ENDPOINT: 'not a url' }],
    ['bad bucket name', 'S3_BUCKET', { ...valid, S3_BUCKET: 'Bad_Bucket' }],
    ['bad path-style flag', 'S3_FORCE_PATH_STYLE', { ...valid, S3_FORCE_PATH_STYLE: 'maybe' }],
    ['bad app env', 'APP_ENV', { ...valid, APP_ENV: 'staging' }],
    ['bad Neon proxy', 'NEON_LOCAL_PROXY', { ...valid, NEON_LOCAL_PROXY: 'http://x' }],
  ])('fails on %s, naming %s', (_name, variable, env) => {
    const error = configError(env);
    expect(error.code).toBe('KERNEL_CONFIG_INVALID');
    expect(error.issues.map((i) => i.variable)).toContain(variable);
    expect(error.message).toContain(variable);
  });

  it('never puts a value in the error', () => {
    const error = configError({ ...valid, S3_BUCKET: undefined, DATABASE_URL: 'mysql://root:topsecret@db' });
    expect(error.message).not.toContain('topsecret');
    expect(error.message).not.toContain('very-secret-value');
  });

  it('reports every bad variable at once', () => {
    const error = configError({ LOG_LEVEL: 'loud' });
    expect(error.issues.map((i) => i.variable)).toEqual(expect.arrayContaining(['LOG_LEVEL', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'HYPERDRIVE']));
  });
});
