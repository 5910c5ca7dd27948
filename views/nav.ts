import type { PageDefinition } from '../worker/plugin/types';

export interface NavLink {
  href: string;
  label: string;
  order: number;
}

/** The navigation built from the plugins' pages that ask for a link, in `order` then label order. */
export function buildNav(pages: readonly PageDefinition[]): NavLink[] {
  return pages
    .filter((p) => p.nav && !p.partial && (p.method ?? 'get') === 'get' && !p.path.includes(':'))
    .map((p) => ({ href: `/app${p.path}`, label: p.nav?.label ?? p.title, order: p.nav?.order ?? 100 }))
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));
}
