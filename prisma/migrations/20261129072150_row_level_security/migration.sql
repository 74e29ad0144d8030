-- Row-level security: the second wall behind the tenant-bound Prisma extension.
-- See docs/tenancy.md. Every tenant-owned table: RLS enabled AND forced, one policy keyed on
-- the transaction-local setting app.tenant_id, for every command (USING and WITH CHECK).

-- The current tenant, or NULL when none is set. current_setting(.., true) returns '' (not
-- NULL) once the setting has been used on a connection, and ''::uuid would throw: NULLIF.
CREATE OR REPLACE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

-- The only way the app sets the tenant: a typed parameter and SET LOCAL (transaction-scoped;
-- Citus propagates SET LOCAL to its workers, set_config is not propagated).
CREATE OR REPLACE FUNCTION app_set_tenant(tenant_id uuid) RETURNS void
  LANGUAGE plpgsql VOLATILE
  AS $$
BEGIN
  IF tenant_id IS NULL THEN
    RAISE EXCEPTION 'app_set_tenant: tenant id must not be null';
  END IF;
  EXECUTE format('SET LOCAL app.tenant_id = %L', tenant_id);
END
$$;

-- Platform (cross-tenant) access is a separate NOLOGIN role with BYPASSRLS that the app role
-- may switch to with SET LOCAL ROLE inside a transaction (lib/db/platform.ts, the one greppable
-- escape). The app login role is NOINHERIT, so it gets nothing from that membership unless it
-- asks by name; it is itself never superuser or BYPASSRLS and owns nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tenantry_platform') THEN
    CREATE ROLE tenantry_platform NOLOGIN BYPASSRLS;
  END IF;
END
$$;
ALTER ROLE tenantry_app NOINHERIT;
GRANT tenantry_platform TO tenantry_app;
GRANT USAGE ON SCHEMA public TO tenantry_platform;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tenantry_platform;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tenantry_platform;

-- Tenant-owned tables.
ALTER TABLE membership ENABLE ROW LEVEL SECURITY;
ALTER TABLE membership FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON membership
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));

ALTER TABLE invitation ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitation
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));

ALTER TABLE customer ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customer
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));

ALTER TABLE deal ENABLE ROW LEVEL SECURITY;
ALTER TABLE deal FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON deal
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));

ALTER TABLE note ENABLE ROW LEVEL SECURITY;
ALTER TABLE note FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON note
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));

-- Platform tables. A tenant sees (and may rename) only its own tenant row; users only when
-- they are members of the current tenant; the platform audit trail not at all. Creating and
-- deleting tenants, and everything cross-tenant, goes through the platform role.
ALTER TABLE tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY own_tenant_read ON tenant FOR SELECT USING (id = (SELECT app_current_tenant()));
CREATE POLICY own_tenant_update ON tenant FOR UPDATE
  USING (id = (SELECT app_current_tenant()))
  WITH CHECK (id = (SELECT app_current_tenant()));

ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_user FORCE ROW LEVEL SECURITY;
CREATE POLICY member_of_current_tenant ON app_user FOR SELECT USING (
  EXISTS (
    SELECT 1 FROM membership m
    WHERE m.tenant_id = (SELECT app_current_tenant()) AND m.user_id = app_user.id
  )
);

ALTER TABLE platform_audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform_audit_event FORCE ROW LEVEL SECURITY;

-- Prisma's migration history is the owner's business, for the platform role too.
DO $$
BEGIN
  IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON TABLE public._prisma_migrations FROM tenantry_platform;
  END IF;
END
$$;
