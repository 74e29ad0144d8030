-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('FREE', 'STARTER', 'PRO');

-- CreateEnum
CREATE TYPE "BillingInterval" AS ENUM ('MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "SubscriptionStatus" AS ENUM ('TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID', 'CANCELED', 'INCOMPLETE', 'INCOMPLETE_EXPIRED', 'PAUSED');

-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "billing_interval" "BillingInterval",
ADD COLUMN     "billing_synced_at" TIMESTAMPTZ(3),
ADD COLUMN     "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "current_period_end" TIMESTAMPTZ(3),
ADD COLUMN     "past_due_since" TIMESTAMPTZ(3),
ADD COLUMN     "plan" "Plan" NOT NULL DEFAULT 'FREE',
ADD COLUMN     "plan_overrides" JSONB,
ADD COLUMN     "seats" INTEGER,
ADD COLUMN     "stripe_customer_id" TEXT,
ADD COLUMN     "stripe_subscription_id" TEXT,
ADD COLUMN     "subscription_ended_at" TIMESTAMPTZ(3),
ADD COLUMN     "subscription_status" "SubscriptionStatus",
ADD COLUMN     "trial_ends_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "stripe_event" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "stripe_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stripe_event_received_at_idx" ON "stripe_event"("received_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "tenant_stripe_customer_id_key" ON "tenant"("stripe_customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "tenant_stripe_subscription_id_key" ON "tenant"("stripe_subscription_id");

-- Row-level security (docs/tenancy.md). stripe_event is a platform table: enabled and forced,
-- no policy, so the app role sees nothing; only the platform role (crossTenant(), the Stripe
-- webhook) reads and writes it. The new tenant columns are covered by the tenant table's
-- existing own-row policies.
ALTER TABLE stripe_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE stripe_event FORCE ROW LEVEL SECURITY;
