import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import type {} from '../test/global-setup'; // the `inject` keys (ProvidedContext)
import { grantPlatformAdmin } from './auth-admin';

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('grantPlatformAdmin (npm run admin:grant)', () => {
  it('sets platform_admin on the account with that email, whatever its case', async () => {
    const email = `${crypto.randomUUID()}@example.com`;
    await query('insert into auth_users (email, password_hash) values ($1, $2)', [email, 'pbkdf2-sha256$100000$x$y']);
    const granted = await grantPlatformAdmin(inject('databaseUrl'), `  ${email.toUpperCase()} `);
    expect(granted.email).toBe(email);
    const [row] = await query<{ platform_admin: boolean }>('select platform_admin from auth_users where email = $1', [email]);
    expect(row?.platform_admin).toBe(true);
  });

  it('fails clearly when no such account exists, changing nothing', async () => {
    await expect(grantPlatformAdmin(inject('databaseUrl'), `${crypto.randomUUID()}@example.com`)).rejects.toThrow(/no account has the email/);
    await expect(grantPlatformAdmin(inject('databaseUrl'), 'not an email')).rejects.toThrow(/not an email address/);
  });
});
