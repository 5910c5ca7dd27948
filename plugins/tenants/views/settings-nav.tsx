import { roleAtLeast, type TenantRole } from 'atoll/plugin';

const LINKS: { href: string; label: string; minimum?: TenantRole }[] = [
  { href: '/app/settings', label: 'Overview' },
  { href: '/app/tenants/members', label: 'Members' },
  { href: '/app/tenants/api-keys', label: 'API keys', minimum: 'admin' },
  { href: '/app/tenants/audit', label: 'Audit log', minimum: 'admin' },
  { href: '/app/tenants', label: 'Tenants' },
];

/** The settings area's own navigation, on each of its pages; admin-only pages are left out for others. */
export function SettingsNav({ current, role }: { current: string; role?: TenantRole | undefined }) {
  const links = LINKS.filter((l) => !l.minimum || (role !== undefined && roleAtLeast(role, l.minimum)));
  return (
    <nav aria-label="Settings" class="settings-nav">
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href} aria-current={l.href === current ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
