import { notFound } from "next/navigation";

// A host outside the root domain that is not a workspace's VERIFIED custom domain: middleware.ts
// rewrites verified domains to their workspace's tree and everything else here, so every page
// of this tree is the friendly 404 (./not-found.tsx) — a domain pointed at us before (or
// without) verification shows no workspace.
export const dynamic = "force-dynamic";

export default function CustomDomain() {
  notFound();
}
