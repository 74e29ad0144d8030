import { describe, expect, it } from "vitest";
import { HostEnvError, parseHostConfig } from "../../lib/config/hosts";

describe("parseHostConfig", () => {
  it("defaults to the development hosts", () => {
    expect(parseHostConfig({})).toEqual({
      rootDomain: "localhost:3000",
      adminHost: "admin.localhost:3000",
      trustForwardedHost: false,
    });
  });

  it("canonicalises the configured hosts", () => {
    expect(
      parseHostConfig({ APP_ROOT_DOMAIN: "App.Example.com.:443", ADMIN_HOST: "ADMIN.example.com", TRUST_FORWARDED_HOST: "TRUE" }),
    ).toEqual({ rootDomain: "app.example.com", adminHost: "admin.example.com", trustForwardedHost: true });
  });

  it("treats empty values as unset", () => {
    expect(parseHostConfig({ APP_ROOT_DOMAIN: "", ADMIN_HOST: "", TRUST_FORWARDED_HOST: "" }).rootDomain).toBe("localhost:3000");
  });

  it.each([
    [{ APP_ROOT_DOMAIN: "https://app.example.com" }, "APP_ROOT_DOMAIN"],
    [{ APP_ROOT_DOMAIN: "app example.com" }, "APP_ROOT_DOMAIN"],
    [{ ADMIN_HOST: "admin.localhost:99999" }, "ADMIN_HOST"],
    [{ TRUST_FORWARDED_HOST: "yes please" }, "TRUST_FORWARDED_HOST"],
    // the admin host must not be something a tenant, the root or www could be
    [{ ADMIN_HOST: "localhost:3000" }, "ADMIN_HOST"],
    [{ ADMIN_HOST: "ops.localhost:3000" }, "ADMIN_HOST"],
    [{ ADMIN_HOST: "www.localhost:3000" }, "ADMIN_HOST"],
  ])("rejects %j", (env, variable) => {
    expect(() => parseHostConfig(env)).toThrow(HostEnvError);
    expect(() => parseHostConfig(env)).toThrow(variable);
  });
});
