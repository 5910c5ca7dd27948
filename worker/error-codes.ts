/**
 * The kernel's error codes. Plugins keep their own `<PLUGIN>_<REASON>` codes in their `errors.ts`;
 * boot-time plugin errors are in `worker/plugin/boot-error.ts`.
 */
export const KernelErrorCode = {
  VALIDATION: 'KERNEL_VALIDATION',
  MALFORMED_BODY: 'KERNEL_MALFORMED_BODY',
  NOT_FOUND: 'KERNEL_NOT_FOUND',
  METHOD_NOT_ALLOWED: 'KERNEL_METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE: 'KERNEL_PAYLOAD_TOO_LARGE',
  HTTP: 'KERNEL_HTTP',
  INVALID_VALUE: 'KERNEL_INVALID_VALUE',
  CONFLICT: 'KERNEL_CONFLICT',
  INTERNAL: 'KERNEL_INTERNAL',
  MISCONFIGURED: 'KERNEL_MISCONFIGURED',
} as const;
