-- Workspace settings, CRM search, data export, support sessions and revenue history (issues 6, 7).

-- Trigram search on customers, with tenant_id leading the GIN index (btree_gin). Both
-- extensions are "trusted" (PostgreSQL 13+): the migration owner needs no superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- CreateEnum
CREATE TYPE "DataExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "SupportMode" AS ENUM ('READ_ONLY', 'READ_WRITE');

-- DropForeignKey
ALTER TABLE "deal" DROP CONSTRAINT "deal_owner_id_fkey";

-- DropForeignKey
ALTER TABLE "note" DROP CONSTRAINT "note_author_id_fkey";

-- AlterTable
ALTER TABLE "slug_quarantine" ADD COLUMN     "redirect_tenant_id" UUID;

-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "accent_color" TEXT,
ADD COLUMN     "custom_domain" TEXT,
ADD COLUMN     "custom_domain_token" TEXT,
ADD COLUMN     "custom_domain_verified_at" TIMESTAMPTZ(3),
ADD COLUMN     "deleted_by" TEXT,
ADD COLUMN     "logo" BYTEA,
ADD COLUMN     "logo_content_type" TEXT,
ADD COLUMN     "logo_updated_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "data_export" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "requested_by_id" UUID,
    "status" "DataExportStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "archive" BYTEA,
    "archive_bytes" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "data_export_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "support_session" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "admin_user_id" UUID NOT NULL,
    "admin_label" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "mode" "SupportMode" NOT NULL DEFAULT 'READ_ONLY',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "widened_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_session_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "subscription_change" (
    "id" UUID NOT NULL,
    "subject_tenant_id" UUID NOT NULL,
    "plan" "Plan" NOT NULL,
    "status" "SubscriptionStatus",
    "billing_interval" "BillingInterval",
    "seats" INTEGER,
    "mrr_cents" INTEGER NOT NULL,
    "trialing" BOOLEAN NOT NULL DEFAULT false,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscription_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_export_tenant_id_created_at_idx" ON "data_export"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "support_session_tenant_id_created_at_idx" ON "support_session"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "subscription_change_at_idx" ON "subscription_change"("at");

-- CreateIndex
CREATE INDEX "subscription_change_subject_tenant_id_at_idx" ON "subscription_change"("subject_tenant_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_target_type_target_id_created_at_idx" ON "audit_log"("tenant_id", "target_type", "target_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "customer_tenant_id_name_email_trgm_idx" ON "customer" USING GIN ("tenant_id" uuid_ops, "name" gin_trgm_ops, "email" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "tenant_custom_domain_key" ON "tenant"("custom_domain");

-- AddForeignKey
ALTER TABLE "deal" ADD CONSTRAINT "deal_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note" ADD CONSTRAINT "note_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_export" ADD CONSTRAINT "data_export_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_export" ADD CONSTRAINT "data_export_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support_session" ADD CONSTRAINT "support_session_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (docs/tenancy.md): the two new tenant-owned tables get the standard policy;
-- the revenue history is a platform table (forced RLS, no policy: crossTenant only).
ALTER TABLE data_export ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_export FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON data_export
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));

ALTER TABLE support_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_session FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON support_session
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));

ALTER TABLE subscription_change ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscription_change FORCE ROW LEVEL SECURITY;

-- Host resolution for a verified custom domain (same columns as app_tenant_directory; on the
-- SECURITY DEFINER allowlist of `npm run tenancy:check`).
CREATE OR REPLACE FUNCTION app_tenant_directory_by_domain(p_host text)
  RETURNS TABLE (id uuid, slug text, name text, status "TenantStatus")
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$ SELECT t.id, t.slug, t.name, t.status FROM tenant t
        WHERE t.custom_domain = lower(p_host) AND t.custom_domain_verified_at IS NOT NULL $$;
ALTER FUNCTION app_tenant_directory_by_domain(text) OWNER TO tenantry_platform;
REVOKE ALL ON FUNCTION app_tenant_directory_by_domain(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_tenant_directory_by_domain(text) TO tenantry_app;

-- A renamed workspace's old subdomain: the current slug to redirect to while the old one is
-- quarantined (nothing for deleted workspaces or released names).
CREATE OR REPLACE FUNCTION app_slug_redirect(p_slug text)
  RETURNS TABLE (slug text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$ SELECT t.slug FROM slug_quarantine q JOIN tenant t ON t.id = q.redirect_tenant_id
        WHERE q.slug = lower(p_slug) AND q.released_at > now() AND t.status <> 'DELETED' $$;
ALTER FUNCTION app_slug_redirect(text) OWNER TO tenantry_platform;
REVOKE ALL ON FUNCTION app_slug_redirect(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_slug_redirect(text) TO tenantry_app;

-- Cache invalidation now also covers custom domains: payload "domain:<host>" for the old and
-- the new domain (lib/tenants/change-listener.ts evicts the key it receives).
CREATE OR REPLACE FUNCTION app_notify_tenant_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM pg_notify('tenant_changed', OLD.slug);
    IF OLD.custom_domain IS NOT NULL THEN
      PERFORM pg_notify('tenant_changed', 'domain:' || OLD.custom_domain);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF TG_OP = 'INSERT' OR NEW.slug IS DISTINCT FROM OLD.slug THEN
      PERFORM pg_notify('tenant_changed', NEW.slug);
    END IF;
    IF NEW.custom_domain IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.custom_domain IS DISTINCT FROM OLD.custom_domain) THEN
      PERFORM pg_notify('tenant_changed', 'domain:' || NEW.custom_domain);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
