import { defineConfig } from 'drizzle-kit';

// The kernel's own tables. Plugins generate theirs with `npm run db:generate -- <plugin-id>`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './worker/db/schema.ts',
  out: './migrations',
});
