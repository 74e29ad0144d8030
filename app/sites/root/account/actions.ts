"use server";
// The root site's account page: restore a workspace in its grace period, delete the account.
// Both act for the session's user only (never an id from the form beyond the workspace, which
// lib/workspace/deletion.ts checks the user owns).
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { deleteAccount } from "@/lib/account/delete-account";
import { signOut } from "@/lib/auth";
import { currentUser } from "@/lib/auth/session";
import { restoreWorkspaceAsOwner } from "@/lib/workspace/deletion";

export type AccountState = { ok: boolean; message: string; field?: "confirmation" | "password" } | null;

const failed = (error: unknown): AccountState => {
  console.error(`[account] action failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { ok: false, message: "Something went wrong. Please try again." };
};

export async function restoreWorkspaceAction(_: AccountState, form: FormData): Promise<AccountState> {
  try {
    const user = await currentUser();
    if (!user) return { ok: false, message: "Your session has ended. Sign in again." };
    const tenantId = form.get("tenantId");
    const result = await restoreWorkspaceAsOwner({ userId: user.id, label: user.email }, typeof tenantId === "string" ? tenantId : "");
    if (result.ok) refresh();
    return result;
  } catch (error) {
    return failed(error);
  }
}

export async function deleteAccountAction(_: AccountState, form: FormData): Promise<AccountState> {
  try {
    const user = await currentUser();
    if (!user) return { ok: false, message: "Your session has ended. Sign in again." };
    const result = await deleteAccount(user.id, { confirmation: form.get("confirmation"), password: form.get("password") });
    if (!result.ok) return result;
  } catch (error) {
    return failed(error);
  }
  // The root host (not a workspace host): a server-side redirect is fine here, and it must win
  // over the re-render that the cleared cookie triggers (which would send us to sign-in).
  await signOut({ redirect: false });
  redirect("/?account=deleted");
}
