// Auth settings: AUTH_SECRET and the optional OAuth apps. Lives in lib/config (the only place
// that reads process.env for app settings).
//
// AUTH_SECRET (threat A6): required in production — without it authSecret() throws, Auth.js
// answers with a configuration error and every session check denies (lib/auth/session.ts
// treats that as signed out), and `npm start` refuses to start (scripts/run-app.mjs). In
// development and tests a per-checkout secret is generated once into
// $TENANTRY_DATA_DIR/auth-secret (git-ignored), so `npm run dev` needs no setup.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export class AuthConfigError extends Error {
  override name = "AuthConfigError";
}

let cachedSecret: string | undefined;

export function authSecret(source: Record<string, string | undefined> = process.env): string {
  if (source === process.env && cachedSecret) return cachedSecret;
  const fromEnv = source.AUTH_SECRET?.trim();
  let secret: string;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new AuthConfigError("AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)");
    secret = fromEnv;
  } else if (source.NODE_ENV === "production") {
    throw new AuthConfigError("AUTH_SECRET is required in production (e.g. `openssl rand -base64 32`)");
  } else {
    secret = developmentSecret(source.TENANTRY_DATA_DIR || ".data");
  }
  if (source === process.env) cachedSecret = secret;
  return secret;
}

function developmentSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
}

export type OAuthApp = { clientId: string; clientSecret: string };

export function oauthApps(source: Record<string, string | undefined> = process.env): { github?: OAuthApp; google?: OAuthApp } {
  const app = (id?: string, secret?: string) => (id && secret ? { clientId: id, clientSecret: secret } : undefined);
  return { github: app(source.GITHUB_ID, source.GITHUB_SECRET), google: app(source.GOOGLE_ID, source.GOOGLE_SECRET) };
}
