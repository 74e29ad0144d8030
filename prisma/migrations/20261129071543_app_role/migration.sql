-- The restricted application role `tenantry_app` (docs/architecture.md, "Database roles").
--
-- Created here, NOLOGIN, so that the role and its grants live in migrations: `migrate reset`
-- drops and recreates schema public (losing every grant on it) and re-applies them from here.
-- scripts/run-app.mjs gives the role LOGIN and a password (APP_DB_PASSWORD); the Next.js
-- process connects only as this role. Roles are cluster-wide: on a server that already has it
-- (another database, an earlier run) it is kept as it is; the bootstrap checks that it is not
-- superuser, not BYPASSRLS and owns nothing. Creating it needs CREATEROLE (or superuser).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tenantry_app') THEN
    CREATE ROLE tenantry_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS;
  END IF;
END
$$;

-- Data access only: no CREATE on the schema (PostgreSQL 15+ no longer grants it to PUBLIC;
-- revoked for older servers), so the role can never own a table.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO tenantry_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tenantry_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tenantry_app;

-- Tables and sequences that later migrations create (as the same owner) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tenantry_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tenantry_app;

-- Prisma's migration history is the owner's business. (Absent in a shadow database.)
DO $$
BEGIN
  IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON TABLE public._prisma_migrations FROM tenantry_app;
  END IF;
END
$$;
