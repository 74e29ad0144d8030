-- Founder console actions (issue 6): soft delete of workspaces, support-access tickets.
-- AlterTable
ALTER TABLE "handoff_token" ADD COLUMN     "support_until" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3),
ADD COLUMN     "purge_after" TIMESTAMPTZ(3);

