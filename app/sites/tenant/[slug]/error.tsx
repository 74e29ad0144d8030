"use client";
// Error boundary of this site's pages: the layout (header, navigation) stays, the page area
// shows what happened and a way back.
import { ErrorPanel, type ErrorBoundaryProps } from "@/components/ui/error-panel";

export default function Error(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} homeLabel="Back to the workspace home" />;
}
