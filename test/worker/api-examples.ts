// Valid requests for any documented operation live in the test kit (worker/plugin/testing/examples.ts).
export { type ApiRequest, exampleOf, exampleRequest, pathValues, queryKey } from '../../worker/plugin/testing/examples';
