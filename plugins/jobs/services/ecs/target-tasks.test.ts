import { describe, expect, it } from 'vitest';
import { targetTasks } from './target-tasks';

// Expected values computed by hand: s * ln(pending / f + 1) + min, rounded, then clamped.
describe('targetTasks', () => {
  const p = { s: 2, f: 10, min: 0, max: 10 };

  it('is zero with nothing pending and no minimum', () => {
    expect(targetTasks(0, p)).toBe(0);
  });

  it('grows with the logarithm of the backlog', () => {
    expect(targetTasks(10, p)).toBe(1); // 2 * ln 2 = 1.386
    expect(targetTasks(30, p)).toBe(3); // 2 * ln 4 = 2.773
    expect(targetTasks(100, p)).toBe(5); // 2 * ln 11 = 4.796
    expect(targetTasks(1000, p)).toBe(9); // 2 * ln 101 = 9.230
  });

  it('is capped at max', () => {
    expect(targetTasks(10_000, p)).toBe(10); // 2 * ln 1001 = 13.82
    expect(targetTasks(1_000_000, { ...p, max: 4 })).toBe(4);
  });

  it('starts at least one task while any work is pending', () => {
    expect(targetTasks(1, p)).toBe(1); // 2 * ln 1.1 = 0.19 rounds to 0
    expect(targetTasks(2, { s: 0.5, f: 100, min: 0, max: 3 })).toBe(1); // 0.5 * ln 1.02 = 0.0099
  });

  it('adds the minimum before rounding and never goes below it', () => {
    expect(targetTasks(0, { ...p, min: 2 })).toBe(2);
    expect(targetTasks(10, { ...p, min: 2 })).toBe(3); // 1.386 + 2 = 3.386
    expect(targetTasks(50, { s: 3, f: 5, min: 1, max: 20 })).toBe(8); // 3 * ln 11 = 7.194, + 1 = 8.194
  });

  it('treats nonsense counts as nothing pending', () => {
    expect(targetTasks(-5, p)).toBe(0);
    expect(targetTasks(Number.NaN, p)).toBe(0);
  });

  it('starts nothing when max is zero', () => {
    expect(targetTasks(500, { ...p, max: 0 })).toBe(0);
  });
});
