// The settings pages' gate: the host's workspace, a signed-in member (else sign-in, 404 or
// 403). Each page calls it itself rather than the layout: the layout is kept synchronous so a
// page's 403/404 is decided as early as the members page's (the workspace loading boundary
// streams everything below the workspace layout).
import { forbidden, notFound, redirect } from "next/navigation";
import { requestMembers, type RequestMembers } from "@/lib/members/request";

export type SettingsAccess = Extract<RequestMembers, { kind: "member" }>;

export async function settingsAccess(slug: string, path = "/settings"): Promise<SettingsAccess> {
  const access = await requestMembers(slug);
  if (access.kind === "unavailable") notFound();
  if (access.kind === "signed-out") redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (access.kind === "forbidden") forbidden();
  return access;
}
