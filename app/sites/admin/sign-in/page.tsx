import { redirect } from "next/navigation";
import { AdminSignInFlow } from "@/components/admin/forms";
import { pendingTotpSecret } from "@/lib/admin/mfa";
import { adminState } from "@/lib/admin/session";
import { otpauthUri } from "@/lib/admin/totp";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The one page of the admin host everyone may see. What it shows depends on the state:
// password sign-in → (first time) TOTP enrollment → TOTP verification → the console.
export default async function AdminSignIn({ searchParams }: Props) {
  const state = await adminState();
  const query = await searchParams;
  if (state.kind === "admin") redirect("/");
  if (state.kind === "enroll") {
    // Shown only until enrollment is confirmed; afterwards the secret is never sent again.
    const secret = await pendingTotpSecret(state.user.id);
    if (secret) return <AdminSignInFlow step="enroll" secret={secret} uri={otpauthUri(secret, state.user.email)} />;
  }
  if (state.kind === "verify") return <AdminSignInFlow step="verify" />;
  const denied = state.kind === "not-admin" || query.denied !== undefined;
  return <AdminSignInFlow step="password" notice={denied ? "This account has no access to the founder console. Sign in as a platform admin." : undefined} />;
}
