// Who may do what in a workspace: ONE declarative map, role → resource → actions (the style of
// boxyhq's lib/permissions.ts). Pages, server actions and the domain layer (lib/members/) all
// ask `can()` / `assertCan()`; nothing else decides permissions. docs/roles.md shows the same
// table (test/unit/permissions.test.ts fails when the two differ).
//
// Pure: no I/O, safe to import from client components (e.g. to hide a button) — but hiding is
// cosmetic; the server re-checks every action.
import type { Role } from "@/lib/generated/prisma/enums";

export const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const satisfies readonly Role[];

/** Every resource and its actions. The order here is the order of the docs table. */
export const RESOURCES = {
  workspace: ["read", "update", "delete", "export"],
  members: ["read", "invite", "changeRole", "remove"],
  invitations: ["read", "create", "resend", "revoke"],
  ownership: ["transfer"],
  billing: ["read", "manage"],
  customers: ["read", "create", "update", "delete", "archive"],
  deals: ["read", "create", "update", "delete", "archive"],
  notes: ["read", "create", "update", "delete", "archive"],
  auditLog: ["read"],
  export: ["create"],
} as const;

export type Resource = keyof typeof RESOURCES;
export type Action<R extends Resource = Resource> = (typeof RESOURCES)[R][number];

type PermissionMap = { readonly [R in Resource]?: readonly Action<R>[] };

const ALL = RESOURCES; // every action of every resource
const CRM_WRITE = ["read", "create", "update", "archive"] as const; // delete stays with admins

/**
 * THE map. Rules of thumb:
 * - OWNER: everything, and alone: deleting the workspace and exporting ALL of its data (members,
 *   invitations, audit log) — `workspace:export`; `export:create` is the CSV export of customers.
 * - ADMIN: runs the workspace, billing included (the billing page is for owners and admins,
 *   issue 5), but cannot delete it or hand over ownership.
 * - MEMBER: reads the workspace and works in the CRM (create, update, archive; not delete).
 * - VIEWER: read-only.
 * - Neither MEMBER nor VIEWER sees billing or the audit log, nor exports data in bulk.
 */
export const PERMISSIONS: { readonly [Ro in Role]: PermissionMap } = {
  OWNER: ALL,
  ADMIN: {
    workspace: ["read", "update"],
    members: ["read", "invite", "changeRole", "remove"],
    invitations: ["read", "create", "resend", "revoke"],
    billing: ["read", "manage"],
    customers: ["read", "create", "update", "delete", "archive"],
    deals: ["read", "create", "update", "delete", "archive"],
    notes: ["read", "create", "update", "delete", "archive"],
    auditLog: ["read"],
    export: ["create"],
  },
  MEMBER: {
    workspace: ["read"],
    members: ["read"],
    invitations: ["read"],
    customers: CRM_WRITE,
    deals: CRM_WRITE,
    notes: CRM_WRITE,
  },
  VIEWER: {
    workspace: ["read"],
    members: ["read"],
    invitations: ["read"],
    customers: ["read"],
    deals: ["read"],
    notes: ["read"],
  },
};

/** What each permission lets you do, in words: error messages and docs/roles.md. */
export const DESCRIPTIONS: { readonly [R in Resource]: { readonly [A in Action<R>]: string } } = {
  workspace: {
    read: "view the workspace",
    update: "change the workspace settings",
    delete: "delete the workspace",
    export: "export all of the workspace's data",
  },
  members: { read: "see the members", invite: "invite members", changeRole: "change member roles", remove: "remove members" },
  invitations: {
    read: "see pending invitations",
    create: "create invitations",
    resend: "resend invitations",
    revoke: "revoke invitations",
  },
  ownership: { transfer: "transfer ownership" },
  billing: { read: "see billing", manage: "manage billing" },
  customers: {
    read: "see customers",
    create: "create customers",
    update: "edit customers",
    delete: "delete customers",
    archive: "archive customers",
  },
  deals: { read: "see deals", create: "create deals", update: "edit deals", delete: "delete deals", archive: "archive deals" },
  notes: { read: "see notes", create: "write notes", update: "edit notes", delete: "delete notes", archive: "archive notes" },
  auditLog: { read: "see the audit log" },
  export: { create: "export data" },
};

const ROLE_PLURAL: Record<Role, string> = { OWNER: "owners", ADMIN: "admins", MEMBER: "members", VIEWER: "viewers" };
export const ROLE_LABEL: Record<Role, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", VIEWER: "Viewer" };

/** The role in a sentence: "an owner", "a member". */
export const ROLE_IN_SENTENCE: Record<Role, string> = { OWNER: "an owner", ADMIN: "an admin", MEMBER: "a member", VIEWER: "a viewer" };

/** Higher outranks lower. A role may grant only roles at or below its own. */
export const ROLE_RANK: Record<Role, number> = { OWNER: 4, ADMIN: 3, MEMBER: 2, VIEWER: 1 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can<R extends Resource>(role: Role, resource: R, action: Action<R>): boolean {
  const granted = PERMISSIONS[role]?.[resource] as readonly string[] | undefined;
  return granted?.includes(action) ?? false;
}

/** The roles holding a permission, highest first. */
export function rolesThatCan<R extends Resource>(resource: R, action: Action<R>): Role[] {
  return ROLES.filter((role) => can(role, resource, action));
}

/** A permission check failed. `message` is meant for the person who tried. */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  readonly code = "forbidden";
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** "Only owners and admins can invite members." */
export function forbiddenMessage<R extends Resource>(resource: R, action: Action<R>): string {
  const allowed = rolesThatCan(resource, action).map((role) => ROLE_PLURAL[role]);
  const what = (DESCRIPTIONS[resource] as Record<string, string>)[action] ?? `${action} ${resource}`;
  return allowed.length === 0 ? `Nobody can ${what}.` : `Only ${joinWords(allowed)} can ${what}.`;
}

export function assertCan<R extends Resource>(role: Role, resource: R, action: Action<R>): void {
  if (!can(role, resource, action)) throw new ForbiddenError(forbiddenMessage(resource, action));
}

/** May a member with `actor` role grant `target` (invite as, change to)? Never above their own. */
export function canGrantRole(actor: Role, target: Role): boolean {
  return ROLE_RANK[target] <= ROLE_RANK[actor];
}

/** The permission table as Markdown (docs/roles.md embeds exactly this). */
export function permissionTableMarkdown(): string {
  const lines = [
    `| resource | action | ${ROLES.map((r) => ROLE_LABEL[r]).join(" | ")} |`,
    `|---|---|${ROLES.map(() => ":-:").join("|")}|`,
  ];
  for (const resource of Object.keys(RESOURCES) as Resource[]) {
    for (const action of RESOURCES[resource] as readonly Action[]) {
      const cells = ROLES.map((role) => (can(role, resource, action as never) ? "✓" : "–"));
      lines.push(`| ${resource} | ${action} | ${cells.join(" | ")} |`);
    }
  }
  return lines.join("\n");
}
