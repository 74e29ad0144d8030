// Input validation for the members domain (zod). Server actions pass raw form values here.
import { z } from "zod";
import { ROLES } from "@/lib/authz/permissions";

export const emailSchema = z
  .string({ message: "Enter an email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ message: "Enter a valid email address." }));

export const roleSchema = z.enum(ROLES, { message: "Choose a role: owner, admin, member or viewer." });

export const idSchema = z.guid({ message: "Unknown member or invitation." });

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export const invitationIdSchema = z.object({ invitationId: idSchema });
export const changeRoleSchema = z.object({ membershipId: idSchema, role: roleSchema });
export const membershipIdSchema = z.object({ membershipId: idSchema });
