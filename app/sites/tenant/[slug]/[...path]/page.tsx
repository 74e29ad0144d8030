import { notFound } from "next/navigation";

// Any path a workspace does not have: after the layout has checked that the workspace exists,
// so an unknown workspace gets ../../not-found.tsx and a known one ../not-found.tsx.
export default function UnknownWorkspacePage() {
  notFound();
}
