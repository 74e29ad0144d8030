import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function ConsoleLoading() {
  return <PageSkeleton label="Loading…" />;
}
