-- API-key verification in one statement (one round trip per request): reads the presented key in
-- its own scope (K), checks the secret's digest, lifetime and revocation, records use at most once a
-- minute (in the key's tenant scope, as the update policy requires) and returns the key with its
-- tenant's slug. It restores the scope settings it found, so the caller's scope is unchanged.
-- The digest is compared with `=`: both sides are SHA-256 digests of a 256-bit secret, so where they
-- first differ tells an attacker nothing they could steer.
CREATE OR REPLACE FUNCTION tenants_verify_api_key(p_key_id uuid, p_secret_hash text)
RETURNS TABLE (key_id uuid, tenant_id uuid, tenant_slug text, scopes text[], role text)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
AS $$
DECLARE
  prev_key text := coalesce(current_setting('atoll.api_key_id', true), '');
  prev_tenant text := coalesce(current_setting('atoll.tenant_id', true), '');
  k tenants_api_keys%ROWTYPE;
BEGIN
  PERFORM set_config('atoll.api_key_id', p_key_id::text, true);
  SELECT * INTO k FROM tenants_api_keys WHERE tenants_api_keys.id = p_key_id;
  IF FOUND AND k.secret_hash = p_secret_hash AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > clock_timestamp()) THEN
    PERFORM set_config('atoll.tenant_id', k.tenant_id::text, true);
    UPDATE tenants_api_keys SET last_used_at = now()
      WHERE tenants_api_keys.id = k.id AND (tenants_api_keys.last_used_at IS NULL OR tenants_api_keys.last_used_at < now() - interval '1 minute');
    RETURN QUERY SELECT k.id, k.tenant_id, t.slug, k.scopes, k.role FROM tenants t WHERE t.id = k.tenant_id;
  END IF;
  PERFORM set_config('atoll.api_key_id', prev_key, true);
  PERFORM set_config('atoll.tenant_id', prev_tenant, true);
END
$$;
