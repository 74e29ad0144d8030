-- The app's own (card-less) trial: remember that its owners were told it is ending.
ALTER TABLE "tenant" ADD COLUMN "trial_reminder_sent_at" TIMESTAMPTZ(3);
