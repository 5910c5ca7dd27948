// The MCP SDK's server imports Ajv (and ajv-formats) for one purpose, validating elicitation answers,
// which Atoll's MCP server never asks for: it passes a validator of its own
// (plugins/mcp/services/build-server.ts). Ajv compiles with `new Function`, which Workers forbid
// anyway. wrangler.jsonc aliases both packages here, for the Worker bundle only (about 45 KiB gzip
// less); tests keep the real ones for the SDK's client. Constructing it fails loudly.
export default class Ajv {
  constructor() {
    throw new Error('Ajv is not bundled in the Worker: give the MCP SDK a jsonSchemaValidator');
  }
}
