import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress, ipv6Network } from './client-address';

const addressOf = async (headers: Record<string, string>) => {
  const app = new Hono().get('/', (c) => c.text(clientAddress(c) ?? '(none)'));
  return (await app.request('/', { headers })).text();
};

describe('clientAddress', () => {
  it('reads only cf-connecting-ip, which Cloudflare sets; never x-forwarded-for or x-real-ip', async () => {
    expect(await addressOf({ 'cf-connecting-ip': ' 203.0.113.7 ' })).toBe('203.0.113.7');
    expect(await addressOf({ 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.8' })).toBe('(none)');
    expect(await addressOf({ 'cf-connecting-ip': 'x'.repeat(65) })).toBe('(none)');
  });

  it('keys IPv6 by its /64 network, so one subscriber cannot take a fresh address per request', async () => {
    expect(await addressOf({ 'cf-connecting-ip': '2001:DB8:1:2:aaaa::1' })).toBe('2001:db8:1:2::/64');
    expect(await addressOf({ 'cf-connecting-ip': '2001:db8:1:2:ffff:ffff:ffff:fffe' })).toBe('2001:db8:1:2::/64');
  });

  it.each([
    ['::1', '0:0:0:0::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['fe80::1:2:3:4', 'fe80:0:0:0::/64'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4::/64'],
  ])('normalises %s to %s', (address, network) => {
    expect(ipv6Network(address)).toBe(network);
  });

  it.each(['1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3', 'g::1', '12345::', '::ffff:300.1.1.1', '1:2:3:4:5:6:7::8'])('refuses the malformed %s', (address) => {
    expect(ipv6Network(address)).toBeUndefined();
  });
});
