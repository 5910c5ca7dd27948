// The API document's operations are read by the test kit (worker/plugin/testing/api-document.ts).
export * from '../../worker/plugin/testing/api-document';
