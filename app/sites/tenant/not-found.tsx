import { LinkButton } from "@/components/link-button";
import { NotFoundPanel } from "@/components/not-found-panel";
import { PageShell } from "@/components/page-shell";
import { rootOrigin } from "@/lib/hosts";
import { getHostConfig } from "@/lib/config/hosts";
import { findTenantBySlug } from "@/lib/tenants/lookup";
import { requestSite } from "@/lib/tenants/request-tenant";

/** A workspace deleted by its owner or the platform, still in its grace period (docs/data.md). */
async function deletedHere(): Promise<boolean> {
  const site = await requestSite();
  return site.kind === "tenant" && (await findTenantBySlug(site.slug))?.status === "DELETED";
}

export const metadata = { title: "Workspace not found", robots: { index: false } };

// The workspace in the host does not exist (or is not active): thrown by [slug]/layout.tsx.
export default async function WorkspaceNotFound() {
  const root = rootOrigin(getHostConfig());
  if (await deletedHere()) {
    return (
      <PageShell homeHref={root ?? "/"}>
        <NotFoundPanel
          title="This workspace has been deleted"
          actions={root ? <LinkButton href={`${root}/account`} external>Open your account</LinkButton> : null}
        >
          <p>It is scheduled to be removed for good. Until then an owner can restore it from their account page, which shows the date.</p>
        </NotFoundPanel>
      </PageShell>
    );
  }
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
