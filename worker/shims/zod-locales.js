// zod puts every locale (about 360 KiB) on `z.locales` and `z.core.locales`, and @hono/zod-openapi
// uses `z` as a value, so the bundler keeps them all. The app speaks English only, which zod
// registers by itself (from `../locales/en.js`, not this module); `en` stays for `z.locales.en()`.
export { default as en } from 'zod/v4/locales/en.js';
