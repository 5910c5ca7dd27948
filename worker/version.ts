/** The host version plugins declare compatibility with (`host` in the manifest). Kept equal to package.json. */
export const HOST_VERSION = '0.1.0';
