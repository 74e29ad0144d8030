// Members, roles and invitations: the domain layer. Every function takes an explicit context
// ({ db: forTenant(…), actor }) so pages, server actions and tests call the same code.
export { listMembers, type MemberRow, type MembersOverview, type PendingInvitationRow } from "./list";
export { inviteMember, resendInvitation, revokeInvitation, invitationUrl, type InvitationSummary } from "./invitations";
export { acceptInvitationAsNewUser, ACCOUNT_EXISTS } from "./new-user";
export { acceptInvitation, lookupInvitation, type AcceptResult, type AcceptingUser, type InvitationLookup, type InvitationStatus } from "./accept";
export { changeMemberRole, leaveWorkspace, removeMember, transferOwnership, type MemberChange } from "./roles";
export { checkSeatLimit, type SeatCheck } from "./seats";
export { MembersError, type Actor, type MembersContext, type MembersErrorCode } from "./context";
export type { InvitationMailer, InvitationEmail } from "./mail";
