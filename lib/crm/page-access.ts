// The start of every CRM page: the host's workspace and the signed-in member, or the right
// response (404 off a workspace host, sign-in when signed out, 403 for a non-member).
import { forbidden, notFound, redirect } from "next/navigation";
import { requestMembers } from "@/lib/members/request";
import type { CrmContext } from "./customers";

export async function crmPage(slug: string, path: string) {
  const access = await requestMembers(slug);
  if (access.kind === "unavailable") notFound();
  // "/" is where sign-in returns anyway: a bare /sign-in keeps the URL people see clean.
  if (access.kind === "signed-out") redirect(path === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (access.kind === "forbidden") forbidden();
  const ctx: CrmContext = { db: access.ctx.db, actor: access.ctx.actor };
  return { ctx, tenant: access.tenant, user: access.user };
}
