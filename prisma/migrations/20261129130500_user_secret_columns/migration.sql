-- The app role may read its members' names and e-mail addresses (tenant-bound clients, with
-- RLS narrowing app_user to members of the current tenant), never their secrets. Column
-- privileges make that a rule of the database rather than of every select list: a tenant-bound
-- query that would return password_hash or totp_secret (a `user: true` include, a `findMany`
-- without `select`) fails with "permission denied" instead of carrying them. Sign-in, account
-- and founder code reads them through crossTenant(), as tenantry_platform, whose grants are
-- unchanged. A new app_user column is not readable by the app role until it is granted here
-- (docs/tenancy.md, "Platform tables").
REVOKE SELECT ON app_user FROM tenantry_app;
GRANT SELECT (
  id, email, name, image, email_verified, session_version, failed_sign_in_count, locked_until,
  created_at, updated_at, is_platform_admin, totp_enabled_at, totp_last_step
) ON app_user TO tenantry_app;
