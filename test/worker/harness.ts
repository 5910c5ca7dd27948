// The app-level test helpers live in the test kit (worker/plugin/testing); this module keeps the
// names the kernel's and plugins' tests import.
export { testEnv } from '../../worker/plugin/testing/env';
export { bodyOf, bootApp, send } from '../../worker/plugin/testing/send';

/** A Hyperdrive-shaped binding pointing at `connectionString` (e.g. a closed port). */
export const hyperdriveAt = (connectionString: string) => ({ connectionString }) as unknown as Hyperdrive;
