// Every e-mail Tenantry sends: its props (validated with zod before rendering), its subject
// and its body. Rendered to HTML and plain text by ../render.ts. Links in props must be
// absolute http(s) URLs built from the configured hosts (lib/config/hosts), never from a
// request's Host header.
import type { ReactElement } from "react";
import { z } from "zod";
import { Layout, styles } from "./layout";

const link = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" });
const label = z.string().trim().min(1).max(200);
const date = z.date();

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
const formatDate = (value: Date) => dateFormat.format(value);

const ROLE_NAMES: Record<string, string> = { OWNER: "an owner", ADMIN: "an admin", MEMBER: "a member", VIEWER: "a viewer" };
const roleName = (role: string) => ROLE_NAMES[role.toUpperCase()] ?? `a ${role.toLowerCase()}`;

type Definition<S extends z.ZodType> = {
  schema: S;
  subject: (props: z.output<S>) => string;
  body: (props: z.output<S>) => ReactElement;
};
const define = <S extends z.ZodType>(definition: Definition<S>) => definition;

export const templates = {
  "verify-email": define({
    schema: z.object({ url: link }),
    subject: () => "Verify your e-mail address for Tenantry",
    body: ({ url }) => (
      <Layout preview="Confirm your e-mail address to finish signing up." heading="Verify your e-mail address" action={{ label: "Verify e-mail address", url }}
        footnote="The link expires in 24 hours. If you did not sign up for Tenantry, you can ignore this e-mail.">
        <p style={styles.paragraph}>Thanks for signing up. Confirm that this address is yours to finish setting up your account.</p>
      </Layout>
    ),
  }),

  "magic-link": define({
    schema: z.object({ url: link, host: label }),
    subject: ({ host }) => `Sign in to ${host}`,
    body: ({ url, host }) => (
      <Layout preview={`Your sign-in link for ${host}.`} heading={`Sign in to ${host}`} action={{ label: "Sign in", url }}
        footnote="The link can be used once and expires soon. If you did not ask to sign in, you can ignore this e-mail.">
        <p style={styles.paragraph}>Use the button below to sign in. No password needed.</p>
      </Layout>
    ),
  }),

  "password-reset": define({
    schema: z.object({ url: link }),
    subject: () => "Reset your Tenantry password",
    body: ({ url }) => (
      <Layout preview="Choose a new password for your Tenantry account." heading="Reset your password" action={{ label: "Choose a new password", url }}
        footnote="The link expires in one hour and can be used once. If you did not ask for a reset, ignore this e-mail: your password stays the same.">
        <p style={styles.paragraph}>Someone, hopefully you, asked to reset the password of your Tenantry account.</p>
      </Layout>
    ),
  }),

  welcome: define({
    schema: z.object({ workspaceName: label, url: link }),
    subject: ({ workspaceName }) => `Welcome to Tenantry: ${workspaceName} is ready`,
    body: ({ workspaceName, url }) => (
      <Layout preview={`Your workspace ${workspaceName} is ready.`} heading="Welcome to Tenantry" action={{ label: "Open your workspace", url }}>
        <p style={styles.paragraph}>
          Your workspace <span style={styles.strong}>{workspaceName}</span> is ready. Invite your team, add your customers and keep every deal in one place.
        </p>
      </Layout>
    ),
  }),

  invitation: define({
    schema: z.object({ url: link, workspaceName: label, inviterName: label, role: label }),
    subject: ({ inviterName, workspaceName }) => `${inviterName} invited you to ${workspaceName} on Tenantry`,
    body: ({ url, workspaceName, inviterName, role }) => (
      <Layout preview={`Join ${workspaceName} on Tenantry.`} heading={`Join ${workspaceName}`} action={{ label: "Accept invitation", url }}
        footnote="The invitation expires in 7 days. If you did not expect it, you can ignore this e-mail.">
        <p style={styles.paragraph}>
          <span style={styles.strong}>{inviterName}</span> invited you to join the workspace{" "}
          <span style={styles.strong}>{workspaceName}</span> on Tenantry as {roleName(role)}.
        </p>
      </Layout>
    ),
  }),

  "trial-ending": define({
    schema: z.object({ workspaceName: label, trialEndsAt: date, url: link }),
    subject: ({ workspaceName, trialEndsAt }) => `Your Tenantry trial for ${workspaceName} ends on ${formatDate(trialEndsAt)}`,
    body: ({ workspaceName, trialEndsAt, url }) => (
      <Layout preview={`The trial ends on ${formatDate(trialEndsAt)}.`} heading="Your trial is ending soon" action={{ label: "Choose a plan", url }}>
        <p style={styles.paragraph}>
          The free trial of <span style={styles.strong}>{workspaceName}</span> ends on {formatDate(trialEndsAt)}. Choose a plan to keep
          using your workspace without interruption.
        </p>
      </Layout>
    ),
  }),

  "payment-failed": define({
    schema: z.object({
      workspaceName: label,
      url: link,
      /** Already formatted with its currency, e.g. "$29.00". */
      amount: label.optional(),
      nextAttemptAt: date.nullish(),
    }),
    subject: ({ workspaceName }) => `Payment failed for ${workspaceName}`,
    body: ({ workspaceName, url, amount, nextAttemptAt }) => (
      <Layout preview={`We could not charge your payment method for ${workspaceName}.`} heading="Your payment did not go through" action={{ label: "Update payment method", url }}>
        <p style={styles.paragraph}>
          We could not collect {amount ? <span style={styles.strong}>{amount}</span> : "the latest payment"} for{" "}
          <span style={styles.strong}>{workspaceName}</span>.
          {nextAttemptAt ? ` We will try again on ${formatDate(nextAttemptAt)}.` : ""} Please update your payment method to keep your subscription active.
        </p>
      </Layout>
    ),
  }),

  "subscription-canceled": define({
    schema: z.object({ workspaceName: label, url: link, accessEndsAt: date.nullish() }),
    subject: ({ workspaceName }) => `Your subscription for ${workspaceName} has been canceled`,
    body: ({ workspaceName, url, accessEndsAt }) => (
      <Layout preview={`The subscription of ${workspaceName} has been canceled.`} heading="Subscription canceled" action={{ label: "Resubscribe", url }}>
        <p style={styles.paragraph}>
          The subscription of <span style={styles.strong}>{workspaceName}</span> has been canceled.
          {accessEndsAt ? ` You keep access to paid features until ${formatDate(accessEndsAt)}.` : ""} You can resubscribe at any time; your data stays
          where it is.
        </p>
      </Layout>
    ),
  }),

  "workspace-deleted": define({
    schema: z.object({ workspaceName: label, deletedBy: label, purgeAfter: date, url: link }),
    subject: ({ workspaceName }) => `${workspaceName} has been deleted`,
    body: ({ workspaceName, deletedBy, purgeAfter, url }) => (
      <Layout preview={`${workspaceName} will be removed for good on ${formatDate(purgeAfter)}.`} heading="Workspace deleted" action={{ label: "Open your account", url }}>
        <p style={styles.paragraph}>
          <span style={styles.strong}>{workspaceName}</span> was deleted by {deletedBy}. Its data is kept until {formatDate(purgeAfter)} and then removed
          for good. Until then an owner can restore it from their account page.
        </p>
      </Layout>
    ),
  }),
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateProps = { [K in TemplateName]: z.input<(typeof templates)[K]["schema"]> };
export const TEMPLATE_NAMES = Object.keys(templates) as TemplateName[];
