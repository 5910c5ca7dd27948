import type { HostInfo } from 'atoll/plugin';

export interface SystemInfo {
  name: 'atoll';
  version: string;
  build: string;
  plugins: { id: string; version: string; description?: string }[];
}

/** What is running: the host version, this build, and every plugin in boot order. */
export function describeSystem({ input }: { input: { host: HostInfo; build: string } }): SystemInfo {
  return { name: 'atoll', version: input.host.version, build: input.build, plugins: [...input.host.plugins] };
}
