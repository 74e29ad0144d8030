// Renders a template to { subject, html, text } with React Email: HTML from the component, the
// plain-text part derived from that HTML (links kept as "label https://…"). No database, no
// network: unit-tested in test/unit/email-templates.test.ts.
import { render, toPlainText } from "@react-email/render";
import { templates, type TemplateName, type TemplateProps } from "./templates";

export type RenderedEmail = { subject: string; html: string; text: string };

export class InvalidEmailPropsError extends Error {
  override name = "InvalidEmailPropsError";
}

/** One line, no control characters, at most 200 characters (names come from users). */
export function cleanSubject(subject: string): string {
  const line = subject.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/gu, " ").replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export async function renderEmail<K extends TemplateName>(template: K, props: TemplateProps[K]): Promise<RenderedEmail> {
  const definition = templates[template] as unknown as (typeof templates)[TemplateName] | undefined;
  if (!definition) throw new InvalidEmailPropsError(`unknown e-mail template "${String(template)}"`);
  const parsed = definition.schema.safeParse(props);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join(".") || "props"} ${issue.message}`).join("; ");
    throw new InvalidEmailPropsError(`invalid props for e-mail template "${template}": ${fields}`);
  }
  // Each definition's functions take its own schema's output; the union is indexed by `template`.
  const typed = definition as unknown as {
    subject: (p: unknown) => string;
    body: (p: unknown) => Parameters<typeof render>[0];
  };
  const html = await render(typed.body(parsed.data));
  const text = toPlainText(html).trim();
  return { subject: cleanSubject(typed.subject(parsed.data)), html, text };
}
