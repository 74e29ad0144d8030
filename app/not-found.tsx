import { LinkButton } from "@/components/link-button";
import { NotFoundPanel } from "@/components/not-found-panel";
import { PageShell } from "@/components/page-shell";
import { connection } from "next/server";

export const metadata = { title: "Page not found" };

// Any path no site has (e.g. /sites/… typed by hand, which the middleware prefixes).
// "/" is the home of whichever host the visitor is on.
// Rendered per request, never prerendered: its scripts need this request's CSP nonce (a
// static 404 would carry none, and the browser would block them).
export default async function NotFound() {
  await connection();
  return (
    <PageShell>
      <NotFoundPanel title="Page not found" actions={<LinkButton href="/">Go to the home page</LinkButton>}>
        <p>The page you asked for does not exist or has moved.</p>
      </NotFoundPanel>
    </PageShell>
  );
}
