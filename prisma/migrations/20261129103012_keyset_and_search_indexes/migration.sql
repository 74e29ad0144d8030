-- Keyset pages order by (created_at, id) / (name, id): the id joins those indexes so a page stays an
-- index range scan when many rows share one created_at (a CSV import of thousands). Trigram
-- indexes for the founder console's search (tenant name/subdomain, user e-mail).

-- DropIndex
DROP INDEX "audit_log_tenant_id_created_at_idx";

-- DropIndex
DROP INDEX "customer_tenant_id_created_at_idx";

-- DropIndex
DROP INDEX "customer_tenant_id_name_idx";

-- DropIndex
DROP INDEX "deal_tenant_id_created_at_idx";

-- CreateIndex
CREATE INDEX "app_user_email_trgm_idx" ON "app_user" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_created_at_idx" ON "audit_log"("tenant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "customer_tenant_id_name_idx" ON "customer"("tenant_id", "name", "id");

-- CreateIndex
CREATE INDEX "customer_tenant_id_created_at_idx" ON "customer"("tenant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "deal_tenant_id_created_at_idx" ON "deal"("tenant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "tenant_name_slug_trgm_idx" ON "tenant" USING GIN ("name" gin_trgm_ops, "slug" gin_trgm_ops);

