import type { Context } from 'hono';

/**
 * The client's address as the platform vouches for it: Cloudflare sets `cf-connecting-ip` on every
 * request from the internet and replaces any value the client sent. Headers such as
 * `x-forwarded-for` are the client's to write, so they are never read. Locally, `wrangler dev`
 * sets it to the connecting socket's address (127.0.0.1) unless the request already has one, and
 * tests send it themselves; without it, limits by address do not apply.
 *
 * The answer is a rate-limit key, not a display value: IPv4 as is, IPv6 cut to its /64 network
 * (one subscriber's share: a client that owns a /64 could otherwise take a fresh address per
 * request), IPv4-mapped IPv6 as the IPv4 address. Anything else is taken as sent, lower-cased
 * (at most 64 characters).
 *
 * @example
 * const address = clientAddress(c); // '203.0.113.7', '2001:db8:1:2::/64', or undefined
 */
export function clientAddress(c: Context): string | undefined {
  const sent = c.req.header('cf-connecting-ip')?.trim().toLowerCase();
  if (!sent || sent.length > 64) return undefined;
  return sent.includes(':') ? (ipv6Network(sent) ?? sent) : sent;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** `2001:db8:1:2:3:4:5:6` → `2001:db8:1:2::/64`; `::ffff:192.0.2.1` → `192.0.2.1`; undefined when malformed. */
export function ipv6Network(address: string): string | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const last = (tail.length > 0 ? tail : head).at(-1) ?? '';
  const v4 = IPV4.exec(last);
  if (v4) (tail.length > 0 ? tail : head).pop();
  const width = 8 - (v4 ? 2 : 0);
  const missing = width - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const words = groups.map((g) => parseInt(g, 16));
  if (v4) {
    const octets = v4.slice(1).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return octets.join('.');
  }
  return `${words
    .slice(0, 4)
    .map((w) => w.toString(16))
    .join(':')}::/64`;
}
