import { notFound } from "next/navigation";

// Every host that is nobody (a.b.localhost:3000, a reserved or invalid subdomain, a bare IP)
// is rewritten here. Always a 404; the friendly body is ./not-found.tsx.
export const dynamic = "force-dynamic";

export default function UnknownHost() {
  notFound();
}
