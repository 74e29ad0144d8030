import { notFound } from "next/navigation";

// A host outside the root domain: later looked up as a tenant's custom domain. None is
// configured yet, so every custom domain is a 404 (./not-found.tsx).
export const dynamic = "force-dynamic";

export default function CustomDomain() {
  notFound();
}
