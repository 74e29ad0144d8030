// Magic-link sign-in: Auth.js's generic email provider with our own sendVerificationRequest
// (mail through lib/email, not the Resend provider), and a minimal adapter over the identity
// tables through crossTenant (they are platform tables behind forced RLS).
//
// - The link's origin is rebuilt from configuration for the request's canonical host
//   (threat A4): a forged Host / X-Forwarded-Host cannot point the link elsewhere.
// - Links are only sent to existing accounts (signup creates accounts), and the answer is the
//   same either way ("check your email"), so it reveals nothing (A7).
// - Auth.js stores only a hash of the token, single use, 15 minutes (A5).
import type { Adapter, AdapterUser } from "next-auth/adapters";
import type { EmailConfig } from "next-auth/providers";
import { crossTenant } from "@/lib/db/cross-tenant";
import { sendEmail, isValidRecipient } from "@/lib/email";
import { getHostConfig } from "@/lib/config/hosts";
import { adminOrigin, rootOrigin, tenantOrigin } from "@/lib/hosts";
import { requestSite } from "@/lib/tenants/request-tenant";
import { customDomainOrigin } from "@/lib/tenants/domain-origin";
import { findTenantByDomain } from "@/lib/tenants/lookup";

const system = { kind: "system", label: "auth" } as const;

/** The configured origin of the request's own site, or null (unknown host). */
export async function requestOrigin(): Promise<string | null> {
  const site = await requestSite();
  const config = getHostConfig();
  if (site.kind === "root") return rootOrigin(config);
  if (site.kind === "admin") return adminOrigin(config);
  if (site.kind === "tenant") return tenantOrigin(site.slug, config);
  // A workspace's verified custom domain (issue 7): its own host-only session.
  if (site.kind === "custom-domain") return (await findTenantByDomain(site.host)) ? customDomainOrigin(site.host, config) : null;
  return null;
}

export function emailProvider(): EmailConfig {
  return {
    id: "email",
    type: "email",
    name: "Email",
    maxAge: 15 * 60,
    options: {},
    normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
    async sendVerificationRequest({ identifier, url }) {
      if (!isValidRecipient(identifier)) return;
      const origin = await requestOrigin();
      if (!origin) return;
      const incoming = new URL(url);
      const link = new URL(incoming.pathname + incoming.search, origin);
      const exists = await crossTenant(
        { actor: system, action: "auth.magic-link.request", reason: "magic link only for existing accounts" },
        (tx) => tx.user.findUnique({ where: { email: identifier }, select: { id: true } }),
      );
      if (!exists) return;
      await sendEmail({ to: identifier, template: "magic-link", props: { url: link.toString(), host: new URL(origin).host } });
    },
  } as EmailConfig;
}

type DbUser = { id: string; email: string; name: string | null; image: string | null; emailVerified: Date | null };
const toAdapterUser = (u: DbUser): AdapterUser => ({ id: u.id, email: u.email, name: u.name, image: u.image, emailVerified: u.emailVerified });
const userSelect = { id: true, email: true, name: true, image: true, emailVerified: true } as const;

export function platformAdapter(): Adapter {
  const run = <R>(action: string, fn: Parameters<typeof crossTenant<R>>[1]) =>
    crossTenant({ actor: system, action, reason: "Auth.js adapter: identity tables are platform tables" }, fn);
  return {
    async createUser(user) {
      const created = await run("auth.user.create", (tx) =>
        tx.user.create({
          data: { email: user.email.trim().toLowerCase(), name: user.name ?? null, image: user.image ?? null, emailVerified: user.emailVerified },
          select: userSelect,
        }),
      );
      return toAdapterUser(created);
    },
    async getUser(id) {
      const u = await run("auth.user.read", (tx) => tx.user.findUnique({ where: { id }, select: userSelect }));
      return u ? toAdapterUser(u) : null;
    },
    async getUserByEmail(email) {
      const u = await run("auth.user.read", (tx) => tx.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: userSelect }));
      return u ? toAdapterUser(u) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const a = await run("auth.account.read", (tx) =>
        tx.account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } }, select: { user: { select: userSelect } } }),
      );
      return a ? toAdapterUser(a.user) : null;
    },
    async updateUser(user) {
      const u = await run("auth.user.update", (tx) =>
        tx.user.update({
          where: { id: user.id },
          data: {
            ...(user.name !== undefined ? { name: user.name } : {}),
            ...(user.image !== undefined ? { image: user.image } : {}),
            ...(user.emailVerified !== undefined ? { emailVerified: user.emailVerified } : {}),
          },
          select: userSelect,
        }),
      );
      return toAdapterUser(u);
    },
    async linkAccount(account) {
      await run("auth.account.link", (tx) =>
        tx.account.create({
          data: {
            userId: account.userId,
            type: account.type,
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            refresh_token: account.refresh_token ?? null,
            access_token: account.access_token ?? null,
            expires_at: account.expires_at ?? null,
            token_type: account.token_type ?? null,
            scope: account.scope ?? null,
            id_token: account.id_token ?? null,
            session_state: typeof account.session_state === "string" ? account.session_state : null,
          },
        }),
      );
    },
    async createVerificationToken(token) {
      await run("auth.verification-token.create", (tx) => tx.verificationToken.create({ data: token }));
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      return run("auth.verification-token.use", async (tx) => {
        const found = await tx.verificationToken.findUnique({ where: { identifier_token: { identifier, token } } });
        if (!found) return null;
        await tx.verificationToken.delete({ where: { identifier_token: { identifier, token } } });
        return found;
      });
    },
  };
}
