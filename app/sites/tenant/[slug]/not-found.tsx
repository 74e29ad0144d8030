import { LinkButton } from "@/components/link-button";
import { NotFoundPanel } from "@/components/not-found-panel";

export const metadata = { title: "Page not found", robots: { index: false } };

// A path this workspace does not have (rendered inside the workspace's layout).
export default function WorkspacePageNotFound() {
  return (
    <NotFoundPanel title="Page not found" actions={<LinkButton href="/">Back to the workspace</LinkButton>}>
      <p>This page does not exist in this workspace.</p>
    </NotFoundPanel>
  );
}
