// sendEmail against a real database: the local outbox, and the Resend path driving the real
// `resend` SDK against a local HTTP server standing in for api.resend.com.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEmailConfig } from "@/lib/config/email";
import { EmailDeliveryError, InvalidRecipientError, sendEmail } from "@/lib/email";
import { getOutboxMessage, listOutbox } from "@/lib/email/outbox";
import { appClient, createTestDatabase, type TestDatabase } from "../support/database";

let db: TestDatabase;
let app: ReturnType<typeof appClient>;
let owner: pg.Client;

type Captured = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };
let requests: Captured[] = [];
let reply: { status: number; body: unknown } = { status: 200, body: { id: "re_test_1" } };
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  app = appClient(db);
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await owner?.end();
  await app?.close();
  await db?.drop();
});
beforeEach(() => {
  requests = [];
  reply = { status: 200, body: { id: "re_test_1" } };
});

const rows = async (to: string) =>
  (await owner.query(`SELECT * FROM email_message WHERE "to" = $1 ORDER BY created_at DESC`, [to])).rows as {
    id: string; to: string; subject: string; html: string; text: string; template: string;
    provider_id: string | null; error: string | null; sent_at: Date | null;
  }[];

const outbox = parseEmailConfig({});
const url = "http://localhost:3000/verify?token=t0k3n";

describe("local outbox (RESEND_API_KEY unset)", () => {
  it("stores the rendered message in email_message, audited, without any HTTP request", async () => {
    await sendEmail({ to: "ada@example.com", template: "verify-email", props: { url } }, { client: app.prisma, config: outbox });
    const [message] = await rows("ada@example.com");
    expect(message).toMatchObject({ to: "ada@example.com", template: "verify-email", subject: "Verify your e-mail address for Tenantry", provider_id: null, error: null, sent_at: null });
    expect(message!.html).toContain(url);
    expect(message!.text).toContain(url);
    expect(requests).toHaveLength(0);
    const audit = await owner.query(`SELECT actor_label, action, data FROM platform_audit_event WHERE data->>'messageId' = $1`, [message!.id]);
    expect(audit.rows).toEqual([{ actor_label: "email", action: "email.record", data: expect.objectContaining({ template: "verify-email" }) }]);
  });

  it("the app role cannot read the outbox without crossTenant (forced RLS)", async () => {
    await sendEmail({ to: "rls@example.com", template: "password-reset", props: { url } }, { client: app.prisma, config: outbox });
    expect(await app.prisma.emailMessage.count()).toBe(0);
    expect(await rows("rls@example.com")).toHaveLength(1);
  });

  it("rejects a malformed recipient before storing or sending anything", async () => {
    const before = (await owner.query(`SELECT count(*)::int AS n FROM email_message`)).rows[0].n as number;
    for (const to of ["a@example.com,b@example.com", "a@example.com\r\nBcc: b@example.com", "Ada <a@example.com>"]) {
      await expect(sendEmail({ to, template: "verify-email", props: { url } }, { client: app.prisma, config: outbox })).rejects.toThrow(InvalidRecipientError);
    }
    expect((await owner.query(`SELECT count(*)::int AS n FROM email_message`)).rows[0].n).toBe(before);
  });
});

describe("outbox browser queries", () => {
  it("lists newest first and opens one message with its bodies", async () => {
    await sendEmail({ to: "first@example.com", template: "verify-email", props: { url } }, { client: app.prisma, config: outbox });
    await sendEmail({ to: "second@example.com", template: "magic-link", props: { url, host: "acme.localhost:3000" } }, { client: app.prisma, config: outbox });
    const list = await listOutbox(100, app.prisma);
    expect(list[0]).toMatchObject({ to: "second@example.com", template: "magic-link" });
    expect(list[1]).toMatchObject({ to: "first@example.com" });
    expect(list[0]).not.toHaveProperty("html");
    const message = await getOutboxMessage(list[0]!.id, app.prisma);
    expect(message?.text).toContain(url);
    expect(await getOutboxMessage("not-a-uuid", app.prisma)).toBeNull();
    expect(await getOutboxMessage("00000000-0000-4000-8000-000000000000", app.prisma)).toBeNull();
  });
});

describe("Resend (RESEND_API_KEY set, RESEND_BASE_URL at a local server)", () => {
  const resendConfig = () => parseEmailConfig({ RESEND_API_KEY: "re_secret_key", RESEND_BASE_URL: baseUrl, EMAIL_FROM: "Tenantry <mail@tenantry.test>" });

  it("POSTs /emails with the key, from, one recipient, subject, html and text, and records the provider id", async () => {
    reply = { status: 200, body: { id: "re_abc123" } };
    await sendEmail(
      { to: "grace@example.com", template: "invitation", props: { url, workspaceName: "Acme", inviterName: "Ada", role: "MEMBER" } },
      { client: app.prisma, config: resendConfig() },
    );
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe("/emails");
    expect(request!.headers.authorization).toBe("Bearer re_secret_key");
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["idempotency-key"]).toMatch(/^email\/[0-9a-f-]{36}$/);
    expect(request!.body).toMatchObject({
      from: "Tenantry <mail@tenantry.test>",
      to: ["grace@example.com"],
      subject: "Ada invited you to Acme on Tenantry",
    });
    expect(request!.body.html).toContain(url);
    expect(request!.body.text).toContain(url);

    const [message] = await rows("grace@example.com");
    expect(message).toMatchObject({ provider_id: "re_abc123", error: null, template: "invitation" });
    expect(message!.sent_at).toBeInstanceOf(Date);
    expect(request!.headers["idempotency-key"]).toBe(`email/${message!.id}`);
  });

  it("records a Resend error and throws a clear EmailDeliveryError", async () => {
    reply = { status: 422, body: { statusCode: 422, name: "validation_error", message: "The `from` domain is not verified." } };
    const sending = sendEmail({ to: "linus@example.com", template: "welcome", props: { workspaceName: "Acme", url } }, { client: app.prisma, config: resendConfig() });
    await expect(sending).rejects.toThrow(EmailDeliveryError);
    await expect(sending).rejects.toThrow('Could not send the "welcome" e-mail through Resend: validation_error (422): The `from` domain is not verified.');
    const [message] = await rows("linus@example.com");
    expect(message).toMatchObject({ provider_id: null, sent_at: null, error: "validation_error (422): The `from` domain is not verified." });
  });

  it("records an unreachable server as an error", async () => {
    const config = { ...resendConfig(), resendBaseUrl: "http://127.0.0.1:1" };
    await expect(sendEmail({ to: "down@example.com", template: "password-reset", props: { url } }, { client: app.prisma, config })).rejects.toThrow(
      /through Resend: application_error: Unable to fetch data/,
    );
    expect((await rows("down@example.com"))[0]?.error).toMatch(/Unable to fetch data/);
  });
});
