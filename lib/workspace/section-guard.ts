// Which permission a workspace section needs, by the path the browser asked for. Pure.
//
// Why this exists: the workspace segment has a loading.tsx, so everything below the workspace
// layout streams inside a Suspense boundary, and a page's forbidden() there can no longer set
// the HTTP status (Next.js answers 200 with the 403 UI; vercel/next.js#93253). The workspace
// layout renders before that boundary: it asks this table and calls forbidden() itself, so a
// member without the permission gets a real 403. The pages still check on their own.
import type { Action, Resource } from "@/lib/authz/permissions";

export type SectionPermission = { [R in Resource]: { resource: R; action: Action<R> } }[Resource];

const SECTIONS: Array<{ prefix: string; permission: SectionPermission }> = [
  { prefix: "/settings/audit", permission: { resource: "auditLog", action: "read" } },
  { prefix: "/settings/domain", permission: { resource: "workspace", action: "update" } },
  { prefix: "/settings/data", permission: { resource: "workspace", action: "export" } },
  { prefix: "/settings/danger", permission: { resource: "workspace", action: "delete" } },
];

export function sectionPermission(path: string | null | undefined): SectionPermission | null {
  if (!path) return null;
  const pathname = path.split(/[?#]/)[0]!.replace(/\/+$/, "").toLowerCase();
  return SECTIONS.find((s) => pathname === s.prefix || pathname.startsWith(`${s.prefix}/`))?.permission ?? null;
}
