// `npm run admin:grant -- <email>`: makes an existing account a platform administrator.
// Uses MIGRATE_DATABASE_URL, else DATABASE_URL, else the local dev database that `npm run dev` starts.
import { grantPlatformAdmin } from './auth-admin';
import { DEV_DATABASE_URL } from './lib/dev-ports';

const email = process.argv[2];
const url = process.env.MIGRATE_DATABASE_URL || process.env.DATABASE_URL || DEV_DATABASE_URL;

if (!email || process.argv.length > 3) {
  console.error('usage: npm run admin:grant -- <email>');
  process.exitCode = 2;
} else {
  try {
    const user = await grantPlatformAdmin(url, email);
    console.log(`admin:grant: ${user.email} (${user.id}) is now a platform administrator`);
  } catch (error) {
    console.error(`admin:grant: failed: ${error instanceof Error ? error.message : String(error)}`);
    if (url === DEV_DATABASE_URL) console.error('admin:grant: is the dev database running? Start it with `npm run dev`.');
    process.exitCode = 1;
  }
}
