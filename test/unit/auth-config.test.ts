// AUTH_SECRET handling (threat A6): required in production, generated per checkout otherwise.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuthConfigError, authSecret, oauthApps } from "@/lib/config/auth";

describe("authSecret", () => {
  it("refuses to run in production without AUTH_SECRET", () => {
    expect(() => authSecret({ NODE_ENV: "production" })).toThrow(AuthConfigError);
    expect(() => authSecret({ NODE_ENV: "production", AUTH_SECRET: "   " })).toThrow(/required in production/);
  });

  it("refuses a short secret", () => {
    expect(() => authSecret({ NODE_ENV: "production", AUTH_SECRET: "short" })).toThrow(/at least 32/);
  });

  it("uses AUTH_SECRET when set", () => {
    const secret = "x".repeat(40);
    expect(authSecret({ NODE_ENV: "production", AUTH_SECRET: secret })).toBe(secret);
  });

  it("generates one stable per-checkout secret in development", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
    try {
      const first = authSecret({ NODE_ENV: "development", TENANTRY_DATA_DIR: dir });
      expect(first.length).toBeGreaterThanOrEqual(40);
      expect(authSecret({ NODE_ENV: "test", TENANTRY_DATA_DIR: dir })).toBe(first);
      expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o077).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("oauthApps", () => {
  it("enables a provider only when both of its variables are set", () => {
    expect(oauthApps({})).toEqual({ github: undefined, google: undefined });
    expect(oauthApps({ GITHUB_ID: "id" }).github).toBeUndefined();
    expect(oauthApps({ GITHUB_ID: "id", GITHUB_SECRET: "s" }).github).toEqual({ clientId: "id", clientSecret: "s" });
  });
});

describe("configuredOAuthProviders", () => {
  it("offers GitHub and Google only when both their id and secret are set", async () => {
    const { configuredOAuthProviders } = await import("@/lib/auth/oauth");
    expect(configuredOAuthProviders({})).toEqual({});
    expect(configuredOAuthProviders({ GITHUB_ID: "i" })).toEqual({});
    expect(configuredOAuthProviders({ GITHUB_ID: "i", GITHUB_SECRET: "s" })).toEqual({ github: "GitHub" });
    expect(configuredOAuthProviders({ GITHUB_ID: "i", GITHUB_SECRET: "s", GOOGLE_ID: "g", GOOGLE_SECRET: "t" })).toEqual({ github: "GitHub", google: "Google" });
  });
});
