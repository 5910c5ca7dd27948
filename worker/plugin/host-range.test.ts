// A plugin's `host` range is read with npm's grammar (the `semver` package). The rows marked "npm"
// are ranges a hand-written checker we used to have got wrong: a plugin author who writes what npm
// accepts gets what npm would decide.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { BootErrorCode, PluginBootError } from './boot-error';
import { bootPlugins } from './host';

const bootWith = (host: string, hostVersion: string) => bootPlugins([{ id: 'a', version: '1.0.0', host }], { hostVersion, env: {}, logger: createLogger('error') });

async function outcome(host: string, hostVersion: string): Promise<'boots' | string> {
  try {
    await bootWith(host, hostVersion);
    return 'boots';
  } catch (error) {
    expect(error).toBeInstanceOf(PluginBootError);
    return (error as PluginBootError).code;
  }
}

const INCOMPATIBLE = BootErrorCode.INCOMPATIBLE_HOST;

describe("a plugin's host range", () => {
  it.each([
    ['^0.1.0', '0.1.9', 'boots'],
    ['^0.1.0', '0.2.0', INCOMPATIBLE],
    ['~1.2.3', '1.2.9', 'boots'],
    ['>=1.2.0 <2.0.0', '2.0.0', INCOMPATIBLE],
    ['^1.0.0 || ^3.0.0', '3.1.0', 'boots'],
    ['1.x', '2.0.0', INCOMPATIBLE],
    ['*', '4.0.0', 'boots'],
    // npm: a hyphen range, an operator followed by a space, `~>`, prerelease comparators.
    ['0.1.0 - 0.3.0', '0.2.5', 'boots'],
    ['>= 0.1.0', '0.1.0', 'boots'],
    ['~> 0.1', '0.1.4', 'boots'],
    ['>=0.1.0-0', '0.1.0', 'boots'],
    ['^0.1.0-beta.1', '0.1.0', 'boots'],
    // npm: a prerelease host is outside a plain range, even the one of its own release.
    ['^0.2.0', '0.2.0-beta.1', INCOMPATIBLE],
  ])('%s with host %s: %s', async (range, hostVersion, expected) => {
    expect(await outcome(range, hostVersion)).toBe(expected);
  });

  it('refuses a range npm cannot read as an invalid manifest, naming the field', async () => {
    await expect(bootWith('^1.0.0 garbage', '1.0.0')).rejects.toMatchObject({ code: BootErrorCode.INVALID_MANIFEST, message: expect.stringMatching(/host must be a semver range/) });
  });
});
