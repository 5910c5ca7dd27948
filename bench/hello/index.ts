// Bare Hono baseline for `npm run bench`: the same workerd and wrangler dev as Atoll, no middleware.
import { Hono } from 'hono';

const app = new Hono();

app.get('/', (c) => c.text('hello'));

export default app;
