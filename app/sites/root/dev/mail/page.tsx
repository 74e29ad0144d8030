// The development outbox browser: every message sendEmail stored in email_message, newest
// first; ?id=<uuid> opens one (HTML in a fully sandboxed iframe, and the text part).
// Served only outside production, or with TENANTRY_DEV_MAIL=1 (the e2e server); otherwise 404.
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageShell } from "@/components/page-shell";
import { getEmailConfig } from "@/lib/config/email";
import { getOutboxMessage, listOutbox } from "@/lib/email/outbox";

export const dynamic = "force-dynamic";
export const metadata = { title: "Outbox (development)", robots: { index: false, follow: false } };

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export default async function DevMail({ searchParams }: { searchParams: Promise<{ id?: string | string[] }> }) {
  if (!getEmailConfig().devOutbox) notFound();
  const { id } = await searchParams;
  const selectedId = typeof id === "string" ? id : undefined;
  const [messages, selected] = await Promise.all([listOutbox(100), selectedId ? getOutboxMessage(selectedId) : Promise.resolve(null)]);

  return (
    <PageShell label="Outbox (development)">
      <h1 className="text-3xl font-semibold tracking-tight">Outbox</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        E-mails stored by the local outbox (RESEND_API_KEY unset), newest first. Only available in development.
      </p>

      {selectedId && !selected ? (
        <p role="alert" className="mt-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          No message with that id.
        </p>
      ) : null}

      {selected ? (
        <article aria-labelledby="message-subject" className="mt-8 rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
          <p>
            <Link href="/dev/mail" className="text-sm font-medium text-indigo-700 underline dark:text-indigo-300">
              Back to all messages
            </Link>
          </p>
          <h2 id="message-subject" className="mt-4 text-xl font-semibold">
            {selected.subject}
          </h2>
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-zinc-500 dark:text-zinc-400">To</dt>
            <dd data-testid="message-to">{selected.to}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Template</dt>
            <dd>{selected.template}</dd>
            <dt className="text-zinc-500 dark:text-zinc-400">Created</dt>
            <dd>
              <time dateTime={selected.createdAt.toISOString()}>{timeFormat.format(selected.createdAt)} UTC</time>
            </dd>
            {selected.providerId ? (
              <>
                <dt className="text-zinc-500 dark:text-zinc-400">Resend id</dt>
                <dd>{selected.providerId}</dd>
              </>
            ) : null}
            {selected.error ? (
              <>
                <dt className="text-zinc-500 dark:text-zinc-400">Error</dt>
                <dd className="text-red-700 dark:text-red-400">{selected.error}</dd>
              </>
            ) : null}
          </dl>
          <h3 className="mt-6 text-sm font-semibold text-zinc-700 dark:text-zinc-300">HTML</h3>
          {/* sandbox="" : no scripts, no same-origin, no forms, no top navigation. */}
          <iframe
            title={`HTML version of “${selected.subject}”`}
            srcDoc={selected.html}
            sandbox=""
            referrerPolicy="no-referrer"
            className="mt-2 h-[560px] w-full rounded-md border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
          />
          <h3 className="mt-6 text-sm font-semibold text-zinc-700 dark:text-zinc-300">Plain text</h3>
          <pre data-testid="message-text" className="mt-2 overflow-x-auto rounded-md bg-zinc-50 p-4 text-sm whitespace-pre-wrap dark:bg-zinc-900">
            {selected.text}
          </pre>
        </article>
      ) : null}

      <section aria-labelledby="messages-title" className="mt-10">
        <h2 id="messages-title" className="text-lg font-semibold">
          Messages ({messages.length})
        </h2>
        {messages.length === 0 ? (
          <p className="mt-4 text-zinc-600 dark:text-zinc-400">No e-mails yet.</p>
        ) : (
          <ul className="mt-4 divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
            {messages.map((message) => (
              <li key={message.id}>
                <Link
                  href={`/dev/mail?id=${message.id}`}
                  aria-current={message.id === selected?.id ? "true" : undefined}
                  className="flex flex-col gap-1 px-4 py-3 hover:bg-zinc-50 focus-visible:bg-zinc-50 sm:flex-row sm:items-baseline sm:gap-4 dark:hover:bg-zinc-800"
                >
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{message.subject}</span>
                  <span className="text-sm text-zinc-600 dark:text-zinc-400">to {message.to}</span>
                  <span className="text-sm text-zinc-500 sm:ml-auto dark:text-zinc-400">
                    {message.template} · <time dateTime={message.createdAt.toISOString()}>{timeFormat.format(message.createdAt)}</time>
                    {message.error ? <span className="text-red-700 dark:text-red-400"> · failed</span> : null}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </PageShell>
  );
}
