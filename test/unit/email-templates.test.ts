// Every template renders, with its link in both the HTML and the plain-text part, and no
// remote resources.
import { describe, expect, it } from "vitest";
import { parseEmailConfig } from "@/lib/config/email";
import { cleanSubject, InvalidEmailPropsError, renderEmail } from "@/lib/email/render";
import { TEMPLATE_NAMES, type TemplateName, type TemplateProps } from "@/lib/email/templates";

const url = "http://localhost:3000/verify?token=abc123&next=%2Fwelcome";
const examples: { [K in TemplateName]: TemplateProps[K] } = {
  "verify-email": { url },
  "magic-link": { url, host: "acme.localhost:3000" },
  "password-reset": { url },
  welcome: { workspaceName: "Acme Inc.", url },
  invitation: { url, workspaceName: "Acme Inc.", inviterName: "Ada Lovelace", role: "ADMIN" },
  "trial-ending": { workspaceName: "Acme Inc.", trialEndsAt: new Date("2026-12-24T12:00:00Z"), url },
  "payment-failed": { workspaceName: "Acme Inc.", url, amount: "$29.00", nextAttemptAt: new Date("2026-12-03T00:00:00Z") },
  "subscription-canceled": { workspaceName: "Acme Inc.", url, accessEndsAt: new Date("2027-01-01T00:00:00Z") },
  "workspace-deleted": { workspaceName: "Acme Inc.", deletedBy: "ada@acme.test", purgeAfter: new Date("2027-01-01T00:00:00Z"), url },
};

describe("e-mail templates", () => {
  it("covers every template", () => {
    expect(Object.keys(examples).sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  it.each(TEMPLATE_NAMES)("%s renders html and text with the link, branded, no remote resources", async (name) => {
    const email = await renderEmail(name, examples[name] as never);
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.subject).not.toMatch(/[\r\n]/);
    // HTML escapes & as &amp; in attributes and text.
    expect(email.html).toContain(`href="${url.replaceAll("&", "&amp;")}"`);
    expect(email.html).toContain("Tenantry");
    expect(email.html).toMatch(/<html[^>]*lang="en"/);
    expect(email.html).toMatch(/<h1[\s>]/);
    expect(email.html).not.toMatch(/<img|<link|@import|url\(|<script/i);
    expect(email.text).toContain(url);
    expect(email.text).toContain("Tenantry");
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it("puts the specifics in subject and body", async () => {
    const invitation = await renderEmail("invitation", examples.invitation);
    expect(invitation.subject).toBe("Ada Lovelace invited you to Acme Inc. on Tenantry");
    expect(invitation.text).toContain("as an admin");
    const magic = await renderEmail("magic-link", examples["magic-link"]);
    expect(magic.subject).toBe("Sign in to acme.localhost:3000");
    const trial = await renderEmail("trial-ending", examples["trial-ending"]);
    expect(trial.subject).toContain("December 24, 2026");
    const failed = await renderEmail("payment-failed", examples["payment-failed"]);
    expect(failed.text).toContain("$29.00");
    expect(failed.text).toContain("December 3, 2026");
  });

  it("escapes user-controlled names", async () => {
    const email = await renderEmail("welcome", { workspaceName: `<img src=x onerror=alert(1)> & co`, url });
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; co");
  });

  it("rejects non-http links and missing props", async () => {
    await expect(renderEmail("verify-email", { url: "javascript:alert(1)" })).rejects.toThrow(InvalidEmailPropsError);
    await expect(renderEmail("verify-email", { url: "/relative" })).rejects.toThrow(InvalidEmailPropsError);
    await expect(renderEmail("invitation", { url } as never)).rejects.toThrow(/workspaceName/);
    await expect(renderEmail("nope" as never, {} as never)).rejects.toThrow(/unknown e-mail template/);
  });

  it("keeps subjects on one line", () => {
    expect(cleanSubject("Hello\r\nBcc: x@y.z\tthere")).toBe("Hello Bcc: x@y.z there");
    expect(cleanSubject("x".repeat(300))).toHaveLength(200);
  });
});

describe("e-mail configuration", () => {
  it("defaults to the local outbox with the dev browser on outside production", () => {
    expect(parseEmailConfig({})).toEqual({
      resendApiKey: null,
      resendBaseUrl: null,
      from: "Tenantry <no-reply@tenantry.localhost>",
      devOutbox: true,
    });
  });

  it("turns the dev outbox off in production unless TENANTRY_DEV_MAIL=1", () => {
    expect(parseEmailConfig({ NODE_ENV: "production" }).devOutbox).toBe(false);
    expect(parseEmailConfig({ NODE_ENV: "production", TENANTRY_DEV_MAIL: "1" }).devOutbox).toBe(true);
    expect(parseEmailConfig({ NODE_ENV: "production", TENANTRY_DEV_MAIL: "true" }).devOutbox).toBe(true);
  });

  it("reads Resend settings", () => {
    const config = parseEmailConfig({ RESEND_API_KEY: " re_123 ", RESEND_BASE_URL: "http://127.0.0.1:9999/", EMAIL_FROM: "Acme <hi@acme.test>" });
    expect(config).toMatchObject({ resendApiKey: "re_123", resendBaseUrl: "http://127.0.0.1:9999", from: "Acme <hi@acme.test>" });
  });

  it("rejects a bad from address or base URL, naming the variable but not the value", () => {
    expect(() => parseEmailConfig({ EMAIL_FROM: "a@x.test, b@y.test" })).toThrow(/EMAIL_FROM/);
    expect(() => parseEmailConfig({ EMAIL_FROM: "Name <a@x.test>\r\nBcc: b@y.test" })).toThrow(/EMAIL_FROM/);
    expect(() => parseEmailConfig({ RESEND_BASE_URL: "ftp://secret-host" })).toThrow(/RESEND_BASE_URL/);
    expect(() => parseEmailConfig({ RESEND_BASE_URL: "ftp://secret-host" })).not.toThrow(/secret-host/);
  });
});
