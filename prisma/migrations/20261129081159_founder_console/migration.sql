-- Founder console (issue 6): platform admins, TOTP second factor, recovery codes, list indexes.
-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "is_platform_admin" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "totp_enabled_at" TIMESTAMPTZ(3),
ADD COLUMN     "totp_last_step" INTEGER,
ADD COLUMN     "totp_secret" TEXT;

-- CreateTable
CREATE TABLE "admin_recovery_code" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_recovery_code_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "admin_recovery_code_code_hash_key" ON "admin_recovery_code"("code_hash");

-- CreateIndex
CREATE INDEX "admin_recovery_code_user_id_idx" ON "admin_recovery_code"("user_id");

-- CreateIndex
CREATE INDEX "platform_audit_event_actor_id_created_at_idx" ON "platform_audit_event"("actor_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "platform_audit_event_action_created_at_idx" ON "platform_audit_event"("action", "created_at" DESC);

-- CreateIndex
CREATE INDEX "tenant_created_at_idx" ON "tenant"("created_at" DESC);

-- CreateIndex
CREATE INDEX "tenant_name_idx" ON "tenant"("name");

-- CreateIndex
CREATE INDEX "tenant_status_idx" ON "tenant"("status");

-- AddForeignKey
ALTER TABLE "admin_recovery_code" ADD CONSTRAINT "admin_recovery_code_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- admin_recovery_code is a platform table: RLS enabled and forced, no policy. Only crossTenant()
-- (SET LOCAL ROLE tenantry_platform, BYPASSRLS) reaches it.
ALTER TABLE "admin_recovery_code" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "admin_recovery_code" FORCE ROW LEVEL SECURITY;
