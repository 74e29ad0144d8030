import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ROLE_LABEL } from "@/lib/authz/permissions";
import { currentUser, workspaceAccess } from "@/lib/auth/session";
import { forTenant } from "@/lib/db/tenant";
import { lookupInvitation, type InvitationStatus } from "@/lib/members";
import { getRequestWorkspace } from "@/lib/tenants/overview";
import { acceptInvitationAction, createAccountAndAcceptAction } from "./actions";
import { AcceptForm, CreateAccountForm } from "./accept-form";

export const dynamic = "force-dynamic";
// The token is in the URL: never send it on to another site in a Referer header.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer", robots: { index: false } };

type Props = { params: Promise<{ slug: string; token: string }> };

const ENDED: Record<Exclude<InvitationStatus, "pending">, string> = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was revoked. Ask an admin of the workspace for a new one.",
  expired: "This invitation has expired. Ask an admin of the workspace to resend it.",
};

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="invitation-title" className="max-w-lg">
      <h1 id="invitation-title" className="text-2xl font-semibold tracking-tight">
        {title}
      </h1>
      <div className="mt-3 text-zinc-700 dark:text-zinc-300">{children}</div>
    </section>
  );
}

export default async function InvitationPage({ params }: Props) {
  const { slug, token } = await params;
  const workspace = await getRequestWorkspace(slug);
  if (workspace.kind !== "active") notFound();

  const invitation = await lookupInvitation(forTenant(workspace.tenant.id), token);
  if (!invitation) {
    return (
      <Panel title="Invitation not found">
        <p>This invitation link is not valid. It may have been replaced by a newer invitation — check your email, or ask for a new one.</p>
      </Panel>
    );
  }
  const user = await currentUser();
  if (invitation.status === "accepted" && user && (await workspaceAccess(workspace.tenant)).kind === "member") {
    // Just joined (the page re-renders after the accept action signs in) or opened again later.
    return (
      <Panel title={`Welcome to ${invitation.workspaceName}`}>
        <p>
          You are a member of this workspace.{" "}
          <Link href="/" className="font-medium text-indigo-600 underline dark:text-indigo-400">
            Open the workspace
          </Link>
        </p>
      </Panel>
    );
  }
  if (invitation.status !== "pending") {
    return (
      <Panel title={`Invitation to ${invitation.workspaceName}`}>
        <p>{ENDED[invitation.status]}</p>
      </Panel>
    );
  }

  const here = `/invite/${token}`;
  return (
    <Panel title={`Join ${invitation.workspaceName}`}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium text-zinc-500 dark:text-zinc-400">Workspace</dt>
        <dd>{invitation.workspaceName}</dd>
        <dt className="font-medium text-zinc-500 dark:text-zinc-400">Role</dt>
        <dd>{ROLE_LABEL[invitation.role]}</dd>
        <dt className="font-medium text-zinc-500 dark:text-zinc-400">Invited email</dt>
        <dd>{invitation.email}</dd>
      </dl>
      {!user ? (
        <>
          <p className="mt-6">
            Already have a Tenantry account?{" "}
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} className="font-medium text-indigo-600 underline dark:text-indigo-400">
              Sign in as {invitation.email}
            </Link>{" "}
            to accept.
          </p>
          <section aria-labelledby="create-account-title" className="mt-8 border-t border-zinc-200 pt-6 dark:border-zinc-800">
            <h2 id="create-account-title" className="text-lg font-semibold">
              Create your account
            </h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">New here? Choose a name and a password; your email is the one this invitation was sent to.</p>
            <CreateAccountForm action={createAccountAndAcceptAction} token={token} email={invitation.email} />
          </section>
        </>
      ) : user.email.toLowerCase() !== invitation.email ? (
        <div className="mt-6 space-y-4">
          <p role="alert" className="text-red-700 dark:text-red-400">
            You are signed in as {user.email}. This invitation is for {invitation.email}: sign in with that address to accept it.
          </p>
          <SignOutButton returnTo={`/invite/${token}`} label={`Sign out and sign in as ${invitation.email}`} />
        </div>
      ) : (
        <AcceptForm action={acceptInvitationAction} token={token} />
      )}
    </Panel>
  );
}
