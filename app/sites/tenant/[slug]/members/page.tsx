import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { can, ROLE_IN_SENTENCE, ROLE_LABEL } from "@/lib/authz/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { seatUsage } from "@/lib/billing/seats";
import { listMembers } from "@/lib/members";
import { requestMembers } from "@/lib/members/request";
import { canLeave, canManageInvitation, canRemove, invitableRoles, roleOptionsFor } from "@/lib/members/view";
import {
  changeRoleAction,
  inviteAction,
  leaveAction,
  removeMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
  transferOwnershipAction,
} from "./actions";
import { ActionButton, InviteForm, RoleForm } from "./forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members" };

type Props = { params: Promise<{ slug: string }> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const options = (roles: Role[]) => roles.map((role) => ({ value: role, label: ROLE_LABEL[role] }));

export default async function MembersPage({ params }: Props) {
  const access = await requestMembers((await params).slug);
  if (access.kind === "unavailable") notFound();
  if (access.kind === "signed-out") redirect(`/sign-in?callbackUrl=${encodeURIComponent("/members")}`);
  // A signed-in non-member (or a member removed a moment ago): the 403 page, no workspace data.
  if (access.kind === "forbidden") forbidden();

  const { ctx } = access;
  const me = ctx.actor.role;
  const { members, invitations } = await listMembers(ctx);
  // The last owner can neither leave nor step down (lib/members/roles.ts): not offered.
  const ownerCount = members.filter((m) => m.role === "OWNER").length;
  const inviteRoles = invitableRoles(me);
  // Seats in use as the seat limit counts them (members and pending invitations), for those
  // who invite; null when the plan has no seat limit.
  const seats = inviteRoles.length > 0 ? await seatUsage(ctx.db) : null;
  const canTransfer = can(me, "ownership", "transfer");

  return (
    <div className="flex flex-col gap-12">
      <header>
        <p className="text-sm font-semibold text-accent">{access.tenant.name}</p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">Members</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          You are {ROLE_IN_SENTENCE[me]} of this workspace.
        </p>
      </header>

      {inviteRoles.length > 0 ? (
        <section aria-labelledby="invite-title">
          <h2 id="invite-title" className="text-lg font-semibold">
            Invite someone
          </h2>
          <p className="mt-1 mb-4 text-sm text-zinc-600 dark:text-zinc-400">
            They get an email with a link that works for 7 days.
            {seats ? (
              <span data-testid="seat-usage">
                {" "}
                Seats: {seats.members + seats.pending} of {seats.limit} in use ({seats.members} {seats.members === 1 ? "member" : "members"}, {seats.pending} pending{" "}
                {seats.pending === 1 ? "invitation" : "invitations"}).
              </span>
            ) : null}
          </p>
          <InviteForm action={inviteAction} roles={options(inviteRoles)} defaultRole="MEMBER" />
        </section>
      ) : null}

      <section aria-labelledby="members-title">
        <h2 id="members-title" className="text-lg font-semibold">
          {members.length} {members.length === 1 ? "member" : "members"}
        </h2>
        <ul className="mt-4 divide-y divide-zinc-200 rounded-xl ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
          {members.map((m) => {
            const member = { ...m, lastOwner: m.role === "OWNER" && ownerCount === 1 };
            const roleChoices = roleOptionsFor(me, member);
            const label = member.name ? `${member.name} (${member.email})` : member.email;
            return (
              <li key={member.id} className="flex flex-wrap items-start justify-between gap-4 p-4">
                <div>
                  <p className="font-medium">
                    {member.name ?? member.email}
                    {member.isYou ? <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">you</span> : null}
                  </p>
                  {member.name ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{member.email}</p> : null}
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">Joined {dateFormat.format(member.joinedAt)}</p>
                </div>
                <div className="flex flex-wrap items-start gap-2">
                  {roleChoices.length > 1 ? (
                    <RoleForm
                      key={member.role}
                      action={changeRoleAction}
                      membershipId={member.id}
                      current={member.role}
                      options={options(roleChoices)}
                      memberLabel={label}
                    />
                  ) : (
                    <span className="rounded-full bg-zinc-100 px-3 py-1 text-sm text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{ROLE_LABEL[member.role]}</span>
                  )}
                  {canTransfer && !member.isYou ? (
                    <ActionButton
                      action={transferOwnershipAction}
                      fields={{ membershipId: member.id }}
                      label="Transfer ownership"
                      confirm={`Transfer ownership to ${member.email}? You will become an admin.`}
                    />
                  ) : null}
                  {canRemove(me, member) ? (
                    <ActionButton
                      action={removeMemberAction}
                      fields={{ membershipId: member.id }}
                      label="Remove"
                      pendingLabel="Removing…"
                      variant="danger"
                      confirm={`Remove ${member.email} from ${access.tenant.name}?`}
                    />
                  ) : null}
                  {member.isYou && member.lastOwner ? (
                    <p className="max-w-xs text-sm text-zinc-600 dark:text-zinc-400">
                      You are the only owner. To leave, first make someone else an owner (or transfer ownership).
                    </p>
                  ) : null}
                  {canLeave(member) ? (
                    <ActionButton
                      action={leaveAction}
                      label="Leave workspace"
                      pendingLabel="Leaving…"
                      variant="danger"
                      confirm={`Leave ${access.tenant.name}? You will lose access to it.`}
                    />
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      {can(me, "invitations", "read") ? (
        <section aria-labelledby="invitations-title">
          <h2 id="invitations-title" className="text-lg font-semibold">
            Pending invitations
          </h2>
          {invitations.length === 0 ? (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No pending invitations.</p>
          ) : (
            <ul className="mt-4 divide-y divide-zinc-200 rounded-xl ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
              {invitations.map((invitation) => (
                <li key={invitation.id} className="flex flex-wrap items-start justify-between gap-4 p-4">
                  <div>
                    <p className="font-medium">{invitation.email}</p>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">
                      {ROLE_LABEL[invitation.role]} ·{" "}
                      {invitation.expired ? (
                        <span className="text-amber-700">expired {dateFormat.format(invitation.expiresAt)}</span>
                      ) : (
                        <>expires {dateFormat.format(invitation.expiresAt)}</>
                      )}
                    </p>
                  </div>
                  {canManageInvitation(me, invitation) ? (
                    <div className="flex flex-wrap items-start gap-2">
                      <ActionButton action={resendInvitationAction} fields={{ invitationId: invitation.id }} label="Resend" pendingLabel="Sending…" />
                      <ActionButton
                        action={revokeInvitationAction}
                        fields={{ invitationId: invitation.id }}
                        label="Revoke"
                        pendingLabel="Revoking…"
                        variant="danger"
                        confirm={`Revoke the invitation for ${invitation.email}?`}
                      />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
