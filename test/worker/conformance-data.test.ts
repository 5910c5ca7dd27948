// The first-party plugins that hold data and work pass the conformance suite; with
// conformance-accounts.test.ts, every installed plugin does (checked here).
import { describe, expect, it } from 'vitest';
import { ACCOUNT_PLUGINS, DATA_PLUGINS, firstPartyConformance, installedIds } from './first-party-conformance';

firstPartyConformance(DATA_PLUGINS);

describe('the first-party conformance files', () => {
  it('cover every installed plugin', () => {
    expect([...ACCOUNT_PLUGINS, ...DATA_PLUGINS].sort()).toEqual(installedIds());
  });
});
