// Workspace settings (lib/workspace/), read as a specification, against real PostgreSQL as the
// restricted app role: rename, subdomain change with redirect + quarantine, branding
// validation, custom domains (fake DNS resolver, uniqueness, plan gating, lookup by host and
// cache invalidation through NOTIFY), and the audit log's filters, pages and tenant boundary.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/authz/permissions";
import { crossTenant } from "@/lib/db/cross-tenant";
import { forTenant, type TenantDb } from "@/lib/db/tenant";
import type { Role } from "@/lib/generated/prisma/enums";
import type { DnsResolver } from "@/lib/dns/resolver";
import { fileResolver } from "@/lib/dns/resolver";
import { createWorkspace } from "@/lib/tenants/create-workspace";
import { findSlugRedirect, findTenantByDomain, findTenantBySlug } from "@/lib/tenants/lookup";
import { checkSubdomain } from "@/lib/tenants/subdomain-check";
import { listAuditLog } from "@/lib/workspace/audit";
import { SettingsError, type SettingsContext } from "@/lib/workspace/context";
import { addCustomDomain, DOMAIN_IN_USE, PLAN_MESSAGE, removeCustomDomain, verifyCustomDomain } from "@/lib/workspace/custom-domain";
import { changeSubdomain, getWorkspaceSettings, removeLogo, renameWorkspace, setAccentColor, setLogo } from "@/lib/workspace/settings";
import { type TestDatabase, appClient, closeProcessDatabase, createTestDatabase, useAsProcessDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
const system = { kind: "system", label: "settings-test" } as const;
const hosts = { rootDomain: "localhost:3000", adminHost: "admin.localhost:3000" };

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  // The directory (lib/tenants/lookup.ts) and its NOTIFY listener use the process's client.
  useAsProcessDatabase(db);
});

afterAll(async () => {
  const listener = (globalThis as { __tenantListener?: { stop(): Promise<void> } }).__tenantListener;
  await listener?.stop();
  await closeProcessDatabase();
  await app?.close();
  await db?.drop();
});

type Workspace = { tenantId: string; slug: string; db: TenantDb; as(role: Role): SettingsContext };

let counter = 0;
/** A workspace with one member per role; `trial` puts it on the card-less Pro trial. */
async function workspace({ trial = true } = {}): Promise<Workspace> {
  const slug = `ws-${++counter}-${crypto.randomBytes(3).toString("hex")}`;
  const roles: Role[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];
  const { tenantId, users } = await crossTenant(
    { actor: system, action: "test.setup", reason: "settings test workspace" },
    async (tx) => {
      const tenant = await tx.tenant.create({ data: { slug, name: `Workspace ${counter}`, trialEndsAt: trial ? new Date(Date.now() + 30 * 86_400_000) : null } });
      const users = [];
      for (const role of roles) users.push(await tx.user.create({ data: { email: `${role.toLowerCase()}@${slug}.test` } }));
      return { tenantId: tenant.id, users };
    },
    app.prisma,
  );
  const tdb = forTenant(tenantId, app.prisma);
  const ctxs = new Map<Role, SettingsContext>();
  for (const [i, role] of roles.entries()) {
    const user = users[i]!;
    await tdb.membership.create({ data: { tenantId, userId: user.id, role } });
    ctxs.set(role, { db: tdb, actor: { userId: user.id, role, label: user.email } });
  }
  return { tenantId, slug, db: tdb, as: (role) => ctxs.get(role)! };
}

const audit = (ws: Workspace) => ws.db.auditLog.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a refusal");
};

describe("rename", () => {
  it("an owner or admin renames the workspace; the directory and the audit log show it", async () => {
    const ws = await workspace();
    expect((await findTenantBySlug(ws.slug))?.name).toMatch(/^Workspace /);
    await renameWorkspace(ws.as("ADMIN"), { name: "  Renamed   Co  " });
    expect((await getWorkspaceSettings(ws.as("OWNER"))).name).toBe("Renamed Co");
    expect((await findTenantBySlug(ws.slug))?.name).toBe("Renamed Co"); // evicted locally
    const entries = await audit(ws);
    expect(entries.at(-1)).toMatchObject({ action: "workspace.renamed", actorLabel: ws.as("ADMIN").actor.label });
    expect((entries.at(-1)?.data as { summary: string }).summary).toContain("Renamed Co");
  });

  it("members and viewers cannot; bad names are refused with a message", async () => {
    const ws = await workspace();
    expect(await refusal(renameWorkspace(ws.as("MEMBER"), { name: "X" }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(renameWorkspace(ws.as("VIEWER"), { name: "X" }))).toBeInstanceOf(ForbiddenError);
    expect((await refusal(renameWorkspace(ws.as("OWNER"), { name: "   " }))).message).toBe("Enter a name.");
    expect(await refusal(renameWorkspace(ws.as("OWNER"), { name: "x".repeat(81) }))).toBeInstanceOf(SettingsError);
  });

  it("a demoted admin is refused even with a stale session role", async () => {
    const ws = await workspace();
    const admin = ws.as("ADMIN");
    await ws.db.membership.updateMany({ where: { userId: admin.actor.userId }, data: { role: "VIEWER" } });
    expect(await refusal(renameWorkspace(admin, { name: "Nope" }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("subdomain change", () => {
  it("moves the workspace, quarantines the old name with a redirect, and signup cannot take it", async () => {
    const ws = await workspace();
    const to = `moved-${crypto.randomBytes(3).toString("hex")}`;
    const before = Date.now();
    const change = await changeSubdomain(ws.as("OWNER"), { slug: to.toUpperCase() }, app.prisma);
    expect(change).toMatchObject({ from: ws.slug, to });

    expect((await findTenantBySlug(to))?.id).toBe(ws.tenantId);
    expect(await findTenantBySlug(ws.slug)).toBeNull();
    expect(await findSlugRedirect(ws.slug)).toBe(to);
    expect(await findSlugRedirect(to)).toBeNull();

    const quarantine = await crossTenant({ actor: system, action: "test.read", reason: "assert" }, (tx) => tx.slugQuarantine.findUnique({ where: { slug: ws.slug } }), app.prisma);
    expect(quarantine?.redirectTenantId).toBe(ws.tenantId);
    // The deletion quarantine period (SLUG_QUARANTINE_DAYS, default 90 days).
    expect(quarantine!.releasedAt.getTime()).toBeGreaterThanOrEqual(before + 90 * 86_400_000 - 1_000);

    expect(await checkSubdomain(ws.slug, app.prisma)).toMatchObject({ available: false, reason: expect.stringMatching(/recently/) });
    const signup = await createWorkspace({ workspaceName: "Squatter", subdomain: ws.slug, email: `squat-${counter}@x.test`, password: "a long password" }, app.prisma);
    expect(signup).toMatchObject({ ok: false, error: "quarantined" });

    const entry = (await audit(ws)).at(-1);
    expect(entry).toMatchObject({ action: "workspace.subdomain_changed", data: expect.objectContaining({ from: ws.slug, to }) });
  });

  it("applies signup's rules: format, reserved, taken, quarantined by someone else; the same name", async () => {
    const ws = await workspace();
    const other = await workspace();
    const owner = ws.as("OWNER");
    expect((await refusal(changeSubdomain(owner, { slug: "admin" }, app.prisma))).message).toMatch(/reserved/);
    expect((await refusal(changeSubdomain(owner, { slug: "a_b" }, app.prisma))).message).toMatch(/lowercase letters/);
    expect((await refusal(changeSubdomain(owner, { slug: "xn--abc" }, app.prisma))).message).toMatch(/hyphens/);
    expect(await refusal(changeSubdomain(owner, { slug: other.slug }, app.prisma))).toMatchObject({ code: "taken" });
    expect(await refusal(changeSubdomain(owner, { slug: ws.slug }, app.prisma))).toMatchObject({ code: "invalid" });
    // `other` moves away: its old name is quarantined for `other`, not for `ws`.
    await changeSubdomain(other.as("OWNER"), { slug: `${other.slug}-new` }, app.prisma);
    expect(await refusal(changeSubdomain(owner, { slug: other.slug }, app.prisma))).toMatchObject({ code: "quarantined" });
    expect(await refusal(changeSubdomain(ws.as("MEMBER"), { slug: `${ws.slug}-m` }, app.prisma))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(changeSubdomain(ws.as("VIEWER"), { slug: `${ws.slug}-v` }, app.prisma))).toBeInstanceOf(ForbiddenError);
    // Admins may (workspace:update).
    expect(await changeSubdomain(ws.as("ADMIN"), { slug: `${ws.slug}-a` }, app.prisma)).toMatchObject({ to: `${ws.slug}-a` });
  });

  it("a workspace may move back to a name it left (its own quarantine is lifted)", async () => {
    const ws = await workspace();
    const away = `${ws.slug}-b`;
    await changeSubdomain(ws.as("OWNER"), { slug: away }, app.prisma);
    await changeSubdomain(ws.as("OWNER"), { slug: ws.slug }, app.prisma);
    expect((await findTenantBySlug(ws.slug))?.id).toBe(ws.tenantId);
    expect(await findSlugRedirect(away)).toBe(ws.slug);
  });
});

describe("branding", () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
  const webp = new Uint8Array([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WEBPVP8 ")]);
  const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

  it("accepts a #rrggbb accent (lower-cased), refuses anything else, and resets", async () => {
    const ws = await workspace();
    await setAccentColor(ws.as("OWNER"), { accentColor: " #AB12CD " });
    expect((await getWorkspaceSettings(ws.as("OWNER"))).accentColor).toBe("#ab12cd");
    for (const bad of ["red", "#fff", "#12345g", "#1234567", "#123456;}body{", "url(x)", 42]) {
      expect(await refusal(setAccentColor(ws.as("OWNER"), { accentColor: bad }))).toBeInstanceOf(SettingsError);
    }
    expect(await refusal(setAccentColor(ws.as("MEMBER"), { accentColor: "#000000" }))).toBeInstanceOf(ForbiddenError);
    await setAccentColor(ws.as("OWNER"), { accentColor: "" });
    expect((await getWorkspaceSettings(ws.as("OWNER"))).accentColor).toBeNull();
    expect((await audit(ws)).map((a) => a.action)).toEqual(["workspace.accent_changed", "workspace.accent_changed"]);
  });

  it("stores PNG/JPEG/WebP by their magic bytes; refuses SVG, unknown bytes and more than 256 KiB", async () => {
    const ws = await workspace();
    for (const [bytes, type] of [[png, "image/png"], [jpeg, "image/jpeg"], [webp, "image/webp"]] as const) {
      expect(await setLogo(ws.as("ADMIN"), { bytes })).toEqual({ contentType: type });
      const row = await ws.db.tenant.findFirstOrThrow({ select: { logo: true, logoContentType: true, logoUpdatedAt: true } });
      expect(row.logoContentType).toBe(type);
      expect(Buffer.from(row.logo!).equals(Buffer.from(bytes))).toBe(true);
      expect(row.logoUpdatedAt).toBeInstanceOf(Date);
    }
    expect((await refusal(setLogo(ws.as("OWNER"), { bytes: svg }))).message).toMatch(/SVG is not accepted/);
    expect(await refusal(setLogo(ws.as("OWNER"), { bytes: new TextEncoder().encode("GIF89a") }))).toBeInstanceOf(SettingsError);
    const big = new Uint8Array(256 * 1024 + 1);
    big.set(png);
    expect((await refusal(setLogo(ws.as("OWNER"), { bytes: big }))).message).toMatch(/256 KiB/);
    expect(await refusal(setLogo(ws.as("VIEWER"), { bytes: png }))).toBeInstanceOf(ForbiddenError);
    await removeLogo(ws.as("OWNER"));
    expect(await ws.db.tenant.findFirstOrThrow({ select: { logo: true, logoContentType: true, logoUpdatedAt: true } })).toEqual({ logo: null, logoContentType: null, logoUpdatedAt: null });
  });
});

describe("custom domain", () => {
  const resolverWith = (records: Record<string, string[]>): DnsResolver => ({
    resolveTxt: async (name) => (records[name] ?? []).map((v) => [v.slice(0, 10), v.slice(10)]), // chunked like real TXT
  });
  const domainName = () => `crm-${crypto.randomBytes(4).toString("hex")}.example.com`;

  it("is only for plans with the customDomain feature", async () => {
    const free = await workspace({ trial: false });
    expect(await refusal(addCustomDomain(free.as("OWNER"), { domain: domainName() }, hosts))).toMatchObject({ code: "plan", message: PLAN_MESSAGE });
    expect((await getWorkspaceSettings(free.as("OWNER"))).customDomain).toBeNull();
  });

  it("add → records → verify with the TXT record → the host resolves to the workspace; remove → it does not", async () => {
    const ws = await workspace();
    const domain = domainName();
    const { token } = await addCustomDomain(ws.as("OWNER"), { domain: `  HTTPS://${domain.toUpperCase()}/ ` }, hosts);
    const settings = await getWorkspaceSettings(ws.as("OWNER"));
    expect(settings).toMatchObject({ customDomain: domain, customDomainToken: token, customDomainVerifiedAt: null });
    expect(await findTenantByDomain(domain)).toBeNull(); // not served before verification

    expect(await refusal(verifyCustomDomain(ws.as("OWNER"), resolverWith({})))).toMatchObject({ code: "dns" });
    expect(await refusal(verifyCustomDomain(ws.as("OWNER"), resolverWith({ [`_tenantry.${domain}`]: ["tenantry-verify=wrong-token-value"] })))).toMatchObject({ code: "dns" });
    expect(await refusal(verifyCustomDomain(ws.as("MEMBER"), resolverWith({})))).toBeInstanceOf(ForbiddenError);
    const broken: DnsResolver = { resolveTxt: async () => Promise.reject(new Error("SERVFAIL")) };
    expect((await refusal(verifyCustomDomain(ws.as("OWNER"), broken))).message).toMatch(/lookup failed/);

    await verifyCustomDomain(ws.as("OWNER"), resolverWith({ [`_tenantry.${domain}`]: ["v=spf1 -all", `tenantry-verify=${token}`] }));
    expect((await getWorkspaceSettings(ws.as("OWNER"))).customDomainVerifiedAt).toBeInstanceOf(Date);
    expect(await findTenantByDomain(domain.toUpperCase())).toMatchObject({ id: ws.tenantId, slug: ws.slug });

    await removeCustomDomain(ws.as("ADMIN"));
    expect(await findTenantByDomain(domain)).toBeNull();
    expect((await audit(ws)).map((a) => a.action)).toEqual(["workspace.domain_added", "workspace.domain_verified", "workspace.domain_removed"]);
  });

  it("a domain is unique across workspaces, with a clear message", async () => {
    const a = await workspace();
    const b = await workspace();
    const domain = domainName();
    await addCustomDomain(a.as("OWNER"), { domain }, hosts);
    expect(await refusal(addCustomDomain(b.as("OWNER"), { domain }, hosts))).toMatchObject({ code: "taken", message: DOMAIN_IN_USE });
    expect(await refusal(addCustomDomain(a.as("OWNER"), { domain: domainName() }, hosts))).toMatchObject({ code: "conflict" });
  });

  it("refuses our own hosts, IP addresses and private names", async () => {
    const ws = await workspace();
    for (const domain of ["localhost", "acme.localhost", "127.0.0.1", "crm.internal", "x", "crm.example.com:8443", "crm.example.com/path"]) {
      expect(await refusal(addCustomDomain(ws.as("OWNER"), { domain }, hosts))).toMatchObject({ code: "invalid" });
    }
    const prod = { rootDomain: "app.tenantry.com", adminHost: "admin.tenantry.com" };
    for (const domain of ["app.tenantry.com", "acme.app.tenantry.com", "admin.tenantry.com"]) {
      expect(await refusal(addCustomDomain(ws.as("OWNER"), { domain }, prod))).toMatchObject({ code: "invalid" });
    }
  });

  it("another app instance's cached lookup is invalidated by the NOTIFY trigger (key domain:<host>)", async () => {
    const ws = await workspace();
    const domain = domainName();
    const { token } = await addCustomDomain(ws.as("OWNER"), { domain }, hosts);
    await verifyCustomDomain(ws.as("OWNER"), resolverWith({ [`_tenantry.${domain}`]: [`tenantry-verify=${token}`] }));
    const listener = () => (globalThis as { __tenantListener?: { connected: boolean } }).__tenantListener;
    await findTenantByDomain(domain);
    await until(() => listener()?.connected === true);
    expect((await findTenantByDomain(domain))?.id).toBe(ws.tenantId); // cached now
    // A change made elsewhere (no local forgetDomain): only the trigger's NOTIFY can evict it.
    await crossTenant(
      { actor: system, action: "test.other-instance", reason: "simulate another instance" },
      (tx) => tx.tenant.update({ where: { id: ws.tenantId }, data: { customDomainVerifiedAt: null } }),
      app.prisma,
    );
    await until(async () => (await findTenantByDomain(domain)) === null);
  });

  it("reads TXT records from a file for the end-to-end server (TENANTRY_TEST_DNS)", async () => {
    const fs = await import("node:fs/promises");
    const os = await import("node:os");
    const path = await import("node:path");
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "dns-")), "dns.json");
    const resolver = fileResolver(file);
    expect(await resolver.resolveTxt("_tenantry.a.example.com")).toEqual([]);
    await fs.writeFile(file, JSON.stringify({ "_tenantry.a.example.com": ["tenantry-verify=abc"] }));
    expect(await resolver.resolveTxt("_tenantry.A.example.com")).toEqual([["tenantry-verify=abc"]]);
  });
});

describe("audit log", () => {
  it("filters by action, actor and date range, pages without gaps, and shows support entries", async () => {
    const ws = await workspace();
    const other = await workspace();
    const owner = ws.as("OWNER");
    for (let i = 0; i < 5; i++) await renameWorkspace(owner, { name: `Name ${i}` });
    await setAccentColor(ws.as("ADMIN"), { accentColor: "#112233" });
    await ws.db.auditLog.create({
      data: { tenantId: ws.tenantId, actorLabel: "Tenantry support (founder@tenantry.test)", action: "support.started", data: { summary: "Support access started" } },
    });
    await renameWorkspace(other.as("OWNER"), { name: "Other secret name" });

    const all = await listAuditLog(owner, {});
    expect(all.entries).toHaveLength(7);
    expect(all.entries[0]).toMatchObject({ action: "support.started", support: true, summary: "Support access started" });
    expect(all.entries.some((e) => e.summary.includes("Other secret"))).toBe(false);
    expect(all.actions).toEqual(["support.started", "workspace.accent_changed", "workspace.renamed"]);

    expect((await listAuditLog(owner, { action: "workspace.renamed" })).entries).toHaveLength(5);
    expect((await listAuditLog(owner, { actor: ws.as("ADMIN").actor.label.toUpperCase() })).entries.map((e) => e.action)).toEqual(["workspace.accent_changed"]);
    expect((await listAuditLog(owner, { actor: "support" })).entries).toHaveLength(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditLog(owner, { from: today, to: today })).entries).toHaveLength(7);
    expect((await listAuditLog(owner, { to: "2000-01-01" })).entries).toHaveLength(0);

    // Keyset pages of 3: 3 + 3 + 1, newest first, no duplicates, same order as one page.
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await listAuditLog(owner, cursor ? { cursor } : {}, 3);
      seen.push(...page.entries.map((e) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.entries.map((e) => e.id));

    // Another tenant's view never contains this one's entries, whatever the filters.
    const theirs = await listAuditLog(other.as("OWNER"), { actor: owner.actor.label });
    expect(theirs.entries).toHaveLength(0);
    expect(await refusal(listAuditLog(ws.as("MEMBER"), {}))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(listAuditLog(ws.as("VIEWER"), {}))).toBeInstanceOf(ForbiddenError);
    // A forged cursor is ignored rather than trusted.
    expect((await listAuditLog(owner, { cursor: "bm9wZQ" })).entries).toHaveLength(7);
  });
});
