-- Per-tenant row estimates (docs/performance.md, "Statistics on tenant_id"). PostgreSQL keeps
-- the most common values of a column up to its statistics target (default 100) and estimates
-- every other value as the average of the rest. With thousands of tenants of skewed sizes that
-- average is the small tenants' size: in the bench, every mid-sized tenant (~300 deals) was
-- estimated at 14 rows. With 1,000 the most common values cover the tenants whose size matters
-- to a plan, so their estimates are theirs — and a prepared statement's cost comparison
-- (custom plan per run or one generic plan) sees their real size. `npm run tenancy:check`
-- reports a tenant-owned table whose tenant_id has a lower target.
ALTER TABLE membership ALTER COLUMN tenant_id SET STATISTICS 1000;
ALTER TABLE invitation ALTER COLUMN tenant_id SET STATISTICS 1000;
ALTER TABLE audit_log ALTER COLUMN tenant_id SET STATISTICS 1000;
ALTER TABLE customer ALTER COLUMN tenant_id SET STATISTICS 1000;
ALTER TABLE deal ALTER COLUMN tenant_id SET STATISTICS 1000;
ALTER TABLE note ALTER COLUMN tenant_id SET STATISTICS 1000;
ALTER TABLE handoff_token ALTER COLUMN tenant_id SET STATISTICS 1000;
ALTER TABLE data_export ALTER COLUMN tenant_id SET STATISTICS 1000;
ALTER TABLE support_session ALTER COLUMN tenant_id SET STATISTICS 1000;

-- Collect them now rather than at autovacuum's next visit (a no-op on an empty database).
ANALYZE membership, invitation, audit_log, customer, deal, note, handoff_token, data_export, support_session;
