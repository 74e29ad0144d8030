import { LinkButton } from "@/components/link-button";
import { NotFoundPanel } from "@/components/not-found-panel";
import { PageShell } from "@/components/page-shell";
import { rootOrigin } from "@/lib/hosts";
import { getHostConfig } from "@/lib/config/hosts";

export const metadata = { title: "No workspace here", robots: { index: false } };

export default function UnknownHostNotFound() {
  const root = rootOrigin(getHostConfig());
  return (
    <PageShell homeHref={root ?? "/"}>
      <NotFoundPanel
        title="Nothing lives at this address"
        actions={
          root ? (
            <>
              <LinkButton href={`${root}/signup`} external>
                Sign up for Tenantry
              </LinkButton>
              <LinkButton href={root} variant="secondary" external>
                Go to Tenantry
              </LinkButton>
            </>
          ) : null
        }
      >
        <p>There is no Tenantry workspace at this address. Check the spelling, or create a workspace of your own.</p>
      </NotFoundPanel>
    </PageShell>
  );
}
