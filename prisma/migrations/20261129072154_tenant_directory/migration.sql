-- Host resolution needs a tenant's public directory entry before any tenant is set. This
-- narrow SECURITY DEFINER function (owned by the platform role, which bypasses RLS) returns
-- only what a subdomain reveals anyway. It is on the allowlist of `npm run tenancy:check`.
CREATE OR REPLACE FUNCTION app_tenant_directory(p_slug text)
  RETURNS TABLE (id uuid, slug text, name text, status "TenantStatus")
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$ SELECT t.id, t.slug, t.name, t.status FROM tenant t WHERE t.slug = lower(p_slug) $$;
ALTER FUNCTION app_tenant_directory(text) OWNER TO tenantry_platform;
REVOKE ALL ON FUNCTION app_tenant_directory(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_tenant_directory(text) TO tenantry_app;

-- Cross-instance cache invalidation: every app instance LISTENs on tenant_changed and evicts
-- the slug it receives (lib/tenants/directory-listener.ts). A renamed tenant sends both slugs.
CREATE OR REPLACE FUNCTION app_notify_tenant_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM pg_notify('tenant_changed', OLD.slug);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.slug IS DISTINCT FROM OLD.slug) THEN
    PERFORM pg_notify('tenant_changed', NEW.slug);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER tenant_changed_notify
  AFTER INSERT OR UPDATE OR DELETE ON tenant
  FOR EACH ROW EXECUTE FUNCTION app_notify_tenant_changed();
