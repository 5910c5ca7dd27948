import { describe, expect, it } from 'vitest';
import { buildNav } from './nav';

describe('buildNav', () => {
  it('lists linked full GET pages by order, then label', () => {
    const render = () => null;
    const nav = buildNav([
      { path: '/z', title: 'Zeta', nav: {}, render },
      { path: '/a', title: 'Alpha', nav: { order: 5 }, render },
      { path: '/b', title: 'Beta', nav: { label: 'Bravo', order: 5 }, render },
      { path: '/hidden', title: 'Hidden', render },
      { path: '/partial', title: 'Partial', nav: {}, partial: true, render },
      { path: '/items/:id', title: 'Item', nav: {}, render },
      { path: '/post', title: 'Post', method: 'post', nav: {}, render },
    ]);
    expect(nav).toEqual([
      { href: '/app/a', label: 'Alpha', order: 5 },
      { href: '/app/b', label: 'Bravo', order: 5 },
      { href: '/app/z', label: 'Zeta', order: 100 },
    ]);
  });
});
