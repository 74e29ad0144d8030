// What the members screen offers to whom (lib/members/view.ts) and how action errors read.
import { describe, expect, it, vi } from "vitest";
import { ForbiddenError } from "@/lib/authz/permissions";
import { MembersError } from "@/lib/members/context";
import { actionErrorMessage, GENERIC_FAILURE } from "@/lib/members/errors";
import { canLeave, canManageInvitation, canRemove, invitableRoles, roleOptionsFor } from "@/lib/members/view";

describe("members screen controls", () => {
  it("role selects offer only roles the viewer may grant, never above a member they outrank", () => {
    expect(roleOptionsFor("OWNER", { role: "MEMBER", isYou: false })).toEqual(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
    expect(roleOptionsFor("ADMIN", { role: "MEMBER", isYou: false })).toEqual(["ADMIN", "MEMBER", "VIEWER"]);
    expect(roleOptionsFor("ADMIN", { role: "OWNER", isYou: false })).toEqual([]);
    expect(roleOptionsFor("MEMBER", { role: "VIEWER", isYou: false })).toEqual([]);
    expect(roleOptionsFor("VIEWER", { role: "VIEWER", isYou: true })).toEqual([]);
  });

  it("your own role can only go down", () => {
    expect(roleOptionsFor("ADMIN", { role: "ADMIN", isYou: true })).toEqual(["ADMIN", "MEMBER", "VIEWER"]);
    expect(roleOptionsFor("OWNER", { role: "OWNER", isYou: true })).toEqual(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
  });

  it("the last owner is offered neither a lower role nor leaving (the server refuses both)", () => {
    expect(roleOptionsFor("OWNER", { role: "OWNER", isYou: true, lastOwner: true })).toEqual([]);
    expect(canLeave({ role: "OWNER", isYou: true, lastOwner: true })).toBe(false);
    expect(canLeave({ role: "OWNER", isYou: true, lastOwner: false })).toBe(true);
    expect(canLeave({ role: "MEMBER", isYou: true })).toBe(true);
    expect(canLeave({ role: "MEMBER", isYou: false })).toBe(false);
  });

  it("remove, invitation management and the invite form follow the map and the ranks", () => {
    expect(canRemove("ADMIN", { role: "ADMIN", isYou: false })).toBe(true);
    expect(canRemove("ADMIN", { role: "OWNER", isYou: false })).toBe(false);
    expect(canRemove("OWNER", { role: "OWNER", isYou: true })).toBe(false);
    expect(canRemove("MEMBER", { role: "VIEWER", isYou: false })).toBe(false);
    expect(canManageInvitation("ADMIN", { role: "OWNER" })).toBe(false);
    expect(canManageInvitation("ADMIN", { role: "ADMIN" })).toBe(true);
    expect(canManageInvitation("MEMBER", { role: "VIEWER" })).toBe(false);
    expect(invitableRoles("OWNER")).toEqual(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
    expect(invitableRoles("ADMIN")).toEqual(["ADMIN", "MEMBER", "VIEWER"]);
    expect(invitableRoles("MEMBER")).toEqual([]);
  });
});

describe("action error messages", () => {
  it("refusals keep their message; anything else is generic (and logged)", () => {
    expect(actionErrorMessage(new ForbiddenError("Only owners can delete the workspace."))).toBe("Only owners can delete the workspace.");
    expect(actionErrorMessage(new MembersError("last-owner", "The last owner cannot be demoted."))).toBe("The last owner cannot be demoted.");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(actionErrorMessage(new Error("connection refused at 10.0.0.3"))).toBe(GENERIC_FAILURE);
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});

describe("role wording", () => {
  it("puts each role in a sentence with its article", async () => {
    const { ROLE_IN_SENTENCE } = await import("@/lib/authz/permissions");
    expect(ROLE_IN_SENTENCE).toEqual({ OWNER: "an owner", ADMIN: "an admin", MEMBER: "a member", VIEWER: "a viewer" });
    const { grantForbiddenMessage } = await import("@/lib/members/invitations");
    expect(grantForbiddenMessage("ADMIN", "make")).toBe("Only owners can make someone an admin.");
    expect(grantForbiddenMessage("OWNER", "invite")).toBe("Only owners can invite owners.");
  });
});
