/** Shown by tenant pages when no tenant is chosen (or the user left the chosen one). */
export const NoTenant = () => (
  <p class="muted" id="no-tenant">
    Choose a tenant with the switcher above, or <a href="/app/tenants/new">create one</a>.
  </p>
);
