import pg from 'pg';

/**
 * Makes the account with `email` a platform administrator. The only way besides
 * `AUTH_PLATFORM_ADMINS`: no API call can grant it. Throws when no such account exists.
 */
export async function grantPlatformAdmin(connectionString: string, email: string): Promise<{ id: string; email: string }> {
  const normalized = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(normalized)) throw new Error(`"${email}" is not an email address`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const result = await client.query<{ id: string; email: string }>('update auth_users set platform_admin = true, updated_at = now() where email = $1 returning id, email', [normalized]);
    const row = result.rows[0];
    if (!row) throw new Error(`no account has the email ${normalized} (register it first)`);
    return row;
  } finally {
    await client.end();
  }
}
