// How invitation emails go out. The default is lib/email's sendEmail (template "invitation");
// tests pass their own mailer in the context to read the link.
import { sendEmail } from "@/lib/email";
import type { Role } from "@/lib/generated/prisma/enums";

export type InvitationEmail = { to: string; url: string; workspaceName: string; inviterName: string; role: Role };
export type InvitationMailer = (mail: InvitationEmail) => Promise<void>;

export const sendInvitationEmail: InvitationMailer = async ({ to, url, workspaceName, inviterName, role }) => {
  await sendEmail({ to, template: "invitation", props: { url, workspaceName, inviterName, role } });
};
