import { LinkButton } from "@/components/link-button";
import { NotFoundPanel } from "@/components/not-found-panel";
import { PageShell } from "@/components/page-shell";
import { rootOrigin } from "@/lib/hosts";
import { getHostConfig } from "@/lib/config/hosts";

export const metadata = { title: "Domain not configured", robots: { index: false } };

export default function CustomDomainNotFound() {
  const root = rootOrigin(getHostConfig());
  return (
    <PageShell homeHref={root ?? "/"}>
      <NotFoundPanel
        title="This domain is not configured yet"
        actions={
          root ? (
            <LinkButton href={root} variant="secondary" external>
              Go to Tenantry
            </LinkButton>
          ) : null
        }
      >
        <p>This domain points at Tenantry, but no workspace has connected it yet.</p>
      </NotFoundPanel>
    </PageShell>
  );
}
