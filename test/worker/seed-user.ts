// Seeded accounts live in the test kit (worker/plugin/testing/user.ts).
export { insertSignedInUser, type SeedUserOptions } from '../../worker/plugin/testing/user';
