// The workspace end of the root → workspace handoff (lib/auth/handoff.ts): consumes the
// one-time ticket for THIS host's tenant and signs the user in on this host.
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { signIn } from "@/lib/auth";
import { handoffReturnPath } from "@/lib/auth/handoff";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const token = req.nextUrl.searchParams.get("token") ?? "";
  const returnPath = await handoffReturnPath(token);
  try {
    await signIn("handoff", { token, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) redirect("/sign-in?error=handoff");
    throw error;
  }
  redirect(returnPath);
}
