// What every error response must be lives in the test kit (worker/plugin/testing/problem.ts).
export * from '../../worker/plugin/testing/problem';
