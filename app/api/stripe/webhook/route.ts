// Stripe webhooks. Thin: the raw body and the signature header go to lib/billing/webhook.ts
// (verification, idempotency, effects). Host-independent (/api is not rewritten).
import { handleStripeWebhook } from "@/lib/billing/webhook";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(req: Request): Promise<Response> {
  const rawBody = await req.text(); // the signature is over these exact bytes
  const result = await handleStripeWebhook(rawBody, req.headers.get("stripe-signature"));
  return Response.json(result.body, { status: result.status, headers: { "cache-control": "no-store" } });
}
