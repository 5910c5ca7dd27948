/**
 * The small part of semver the host needs to check a plugin's `host` range: `^`, `~`, comparison
 * operators, exact versions, `x` wildcards, space-separated AND and `||`.
 */
type Triple = [number, number, number];

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

export function parseVersion(text: string): Triple | undefined {
  const m = VERSION.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compare(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** `1`, `1.2`, `1.x`, `1.2.*` and `1.2.3` → the lowest version and how many parts were given. */
function partial(text: string): { base: Triple; parts: number } | undefined {
  const bits = text.replace(/^v/, '').split('.');
  if (bits.length > 3 || bits.length === 0) return undefined;
  const nums: number[] = [];
  for (const bit of bits) {
    if (bit === 'x' || bit === 'X' || bit === '*') break;
    if (!/^\d+$/.test(bit)) return undefined;
    nums.push(Number(bit));
  }
  return { base: [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 0], parts: nums.length };
}

function bump(base: Triple, index: number): Triple {
  const next: Triple = [...base];
  next[index]! += 1;
  for (let i = index + 1; i < 3; i++) next[i] = 0;
  return next;
}

function satisfiesComparator(version: Triple, comparator: string): boolean | undefined {
  const m = /^(\^|~|>=|<=|>|<|=)?(.+)$/.exec(comparator);
  if (!m) return undefined;
  const op = m[1] ?? '';
  const p = partial(m[2]!);
  if (!p) return undefined;
  const { base, parts } = p;
  switch (op) {
    case '>=': return compare(version, base) >= 0;
    case '>': return compare(version, base) > 0;
    case '<=': return compare(version, base) <= 0;
    case '<': return compare(version, base) < 0;
    case '^': {
      // ^1.2.3 := >=1.2.3 <2.0.0; ^0.2.3 := <0.3.0; ^0.0.3 := <0.0.4
      const index = base[0] > 0 || parts < 2 ? 0 : base[1] > 0 || parts < 3 ? 1 : 2;
      return compare(version, base) >= 0 && compare(version, bump(base, index)) < 0;
    }
    case '~': {
      const index = parts < 2 ? 0 : 1;
      return compare(version, base) >= 0 && compare(version, bump(base, index)) < 0;
    }
    default: {
      if (parts === 0) return true;
      if (parts === 3) return compare(version, base) === 0;
      return compare(version, base) >= 0 && compare(version, bump(base, parts - 1)) < 0;
    }
  }
}

/** Whether `version` satisfies `range`; an unparseable range or version is `false`. */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return range.split('||').some((set) => {
    const comparators = set.trim().split(/\s+/).filter(Boolean);
    if (comparators.length === 0) return true;
    return comparators.every((c) => satisfiesComparator(v, c) === true);
  });
}
