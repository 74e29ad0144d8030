// The permission map, read as a specification: every (role, resource, action) cell is
// checked against the explicit table below. Changing the map means changing this table (and
// docs/roles.md, which is checked too).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertCan,
  can,
  canGrantRole,
  ForbiddenError,
  forbiddenMessage,
  permissionTableMarkdown,
  RESOURCES,
  ROLES,
  type Action,
  type Resource,
} from "@/lib/authz/permissions";

// O = OWNER, A = ADMIN, M = MEMBER, V = VIEWER. A letter present means "allowed".
const EXPECTED: Record<string, string> = {
  "workspace.read": "OAMV",
  "workspace.update": "OA",
  "workspace.delete": "O",
  "workspace.export": "O",
  "members.read": "OAMV",
  "members.invite": "OA",
  "members.changeRole": "OA",
  "members.remove": "OA",
  "invitations.read": "OAMV",
  "invitations.create": "OA",
  "invitations.resend": "OA",
  "invitations.revoke": "OA",
  "ownership.transfer": "O",
  "billing.read": "OA",
  "billing.manage": "OA",
  "customers.read": "OAMV",
  "customers.create": "OAM",
  "customers.update": "OAM",
  "customers.delete": "OA",
  "customers.archive": "OAM",
  "deals.read": "OAMV",
  "deals.create": "OAM",
  "deals.update": "OAM",
  "deals.delete": "OA",
  "deals.archive": "OAM",
  "notes.read": "OAMV",
  "notes.create": "OAM",
  "notes.update": "OAM",
  "notes.delete": "OA",
  "notes.archive": "OAM",
  "auditLog.read": "OA",
  "export.create": "OA",
};

const allCells = (Object.keys(RESOURCES) as Resource[]).flatMap((resource) =>
  (RESOURCES[resource] as readonly Action[]).map((action) => `${resource}.${action}`),
);

describe("permission map", () => {
  it("the expected table lists exactly the map's resources and actions", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...allCells].sort());
  });

  for (const cell of allCells) {
    const [resource, action] = cell.split(".") as [Resource, Action];
    for (const role of ROLES) {
      const allowed = EXPECTED[cell]!.includes(role[0]!);
      it(`${role} ${allowed ? "can" : "cannot"} ${cell}`, () => {
        expect(can(role, resource, action as never)).toBe(allowed);
        if (allowed) expect(() => assertCan(role, resource, action as never)).not.toThrow();
        else expect(() => assertCan(role, resource, action as never)).toThrow(ForbiddenError);
      });
    }
  }

  it("OWNER can do everything", () => {
    for (const cell of allCells) expect(EXPECTED[cell]).toContain("O");
  });

  it("unknown resources and actions are denied (fails closed)", () => {
    expect(can("OWNER", "nope" as Resource, "read" as never)).toBe(false);
    expect(can("OWNER", "members", "explode" as never)).toBe(false);
    expect(can("NOBODY" as never, "members", "read")).toBe(false);
  });

  it("ForbiddenError carries a human message naming who can", () => {
    expect(() => assertCan("MEMBER", "members", "invite")).toThrow("Only owners and admins can invite members.");
    expect(forbiddenMessage("workspace", "delete")).toBe("Only owners can delete the workspace.");
    expect(forbiddenMessage("customers", "create")).toBe("Only owners, admins and members can create customers.");
    try {
      assertCan("VIEWER", "auditLog", "read");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).code).toBe("forbidden");
      expect((error as Error).message).toBe("Only owners and admins can see the audit log.");
    }
  });

  it("a role grants only roles at or below its own", () => {
    expect(canGrantRole("OWNER", "OWNER")).toBe(true);
    expect(canGrantRole("ADMIN", "OWNER")).toBe(false);
    expect(canGrantRole("ADMIN", "ADMIN")).toBe(true);
    expect(canGrantRole("ADMIN", "VIEWER")).toBe(true);
    expect(canGrantRole("MEMBER", "ADMIN")).toBe(false);
    expect(canGrantRole("VIEWER", "VIEWER")).toBe(true);
  });

  it("docs/roles.md contains the table generated from the map", () => {
    const doc = fs.readFileSync(path.join(import.meta.dirname, "../../docs/roles.md"), "utf8");
    expect(doc).toContain(permissionTableMarkdown());
  });
});
