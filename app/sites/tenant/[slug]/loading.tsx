import { PageSkeleton } from "@/components/ui/page-skeleton";

// Every workspace page without its own loading state: the header stays, the page area pulses.
export default function WorkspaceLoading() {
  return <PageSkeleton label="Loading…" />;
}
