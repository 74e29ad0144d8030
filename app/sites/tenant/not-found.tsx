import { LinkButton } from "@/components/link-button";
import { NotFoundPanel } from "@/components/not-found-panel";
import { PageShell } from "@/components/page-shell";
import { rootOrigin } from "@/lib/hosts";
import { getHostConfig } from "@/lib/config/hosts";

export const metadata = { title: "Workspace not found", robots: { index: false } };

// The workspace in the host does not exist (or is not active): thrown by [slug]/layout.tsx.
export default function WorkspaceNotFound() {
  const root = rootOrigin(getHostConfig());
  return (
    <PageShell homeHref={root ?? "/"}>
      <NotFoundPanel
        title="There is no workspace here"
        actions={
          root ? (
            <LinkButton href={`${root}/signup`} external>
              Sign up for Tenantry
            </LinkButton>
          ) : null
        }
      >
        <p>This workspace does not exist, or it is no longer available. Check the address, or create your own.</p>
      </NotFoundPanel>
    </PageShell>
  );
}
