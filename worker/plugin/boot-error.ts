/** Coded errors raised while validating and assembling plugins at boot. */
export const BootErrorCode = {
  INVALID_MANIFEST: 'PLUGIN_INVALID_MANIFEST',
  DUPLICATE_ID: 'PLUGIN_DUPLICATE_ID',
  MISSING_DEPENDENCY: 'PLUGIN_MISSING_DEPENDENCY',
  DEPENDENCY_CYCLE: 'PLUGIN_DEPENDENCY_CYCLE',
  INCOMPATIBLE_HOST: 'PLUGIN_INCOMPATIBLE_HOST',
  INVALID_CONFIG: 'PLUGIN_INVALID_CONFIG',
  ROUTE_CONFLICT: 'PLUGIN_ROUTE_CONFLICT',
  PAGE_CONFLICT: 'PLUGIN_PAGE_CONFLICT',
  QUEUE_CONFLICT: 'PLUGIN_QUEUE_CONFLICT',
  JOB_CONFLICT: 'PLUGIN_JOB_CONFLICT',
  TOOL_CONFLICT: 'PLUGIN_TOOL_CONFLICT',
  OUTSIDE_NAMESPACE: 'PLUGIN_OUTSIDE_NAMESPACE',
  INVALID_OPERATION_ID: 'PLUGIN_INVALID_OPERATION_ID',
  SERVICE_CONFLICT: 'PLUGIN_SERVICE_CONFLICT',
  SERVICE_UNAVAILABLE: 'PLUGIN_SERVICE_UNAVAILABLE',
} as const;

export type BootErrorCode = (typeof BootErrorCode)[keyof typeof BootErrorCode];

export class PluginBootError extends Error {
  readonly code: BootErrorCode;
  readonly pluginId: string | undefined;
  constructor(code: BootErrorCode, message: string, pluginId?: string) {
    super(`${code}: ${message}`);
    this.name = 'PluginBootError';
    this.code = code;
    this.pluginId = pluginId;
  }
}
