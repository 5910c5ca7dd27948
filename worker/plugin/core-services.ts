import { createServiceRef } from './refs';

export interface HostInfo {
  readonly version: string;
  /** Installed plugins in boot order. */
  readonly plugins: readonly { id: string; version: string; description?: string }[];
}

/** Services the kernel provides to every plugin. */
export const coreServices = {
  host: createServiceRef<HostInfo>({ id: 'kernel.host' }),
};
