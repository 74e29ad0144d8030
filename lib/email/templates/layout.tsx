// The shared frame of every Tenantry e-mail: a text wordmark (no remote images or web fonts:
// nothing is fetched when the message is opened), one heading, the body, one call-to-action
// button with the same link spelled out below it, and a footer. Inline styles only (mail
// clients drop <style>), system fonts, contrast at least 4.5:1, lang and dir set.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const colors = {
  text: "#18181b", // zinc-900
  muted: "#52525b", // zinc-600 (7:1 on white)
  brand: "#4338ca", // indigo-700 (white text on it: 8:1)
  border: "#e4e4e7",
  page: "#f4f4f5",
};

const font =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

export const styles = {
  paragraph: { color: colors.text, fontSize: "16px", lineHeight: "24px", margin: "0 0 16px" },
  muted: { color: colors.muted, fontSize: "14px", lineHeight: "22px", margin: "0 0 12px" },
  strong: { fontWeight: 600 },
} as const;

export type LayoutProps = {
  /** Inbox preview line (hidden in the body, skipped in the text version). */
  preview: string;
  heading: string;
  children: ReactNode;
  action?: { label: string; url: string };
  /** A closing line under the button, e.g. why the reader got this message. */
  footnote?: ReactNode;
};

export function Layout({ preview, heading, children, action, footnote }: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.page, fontFamily: font, margin: 0, padding: "24px 0" }}>
        <Container
          style={{
            backgroundColor: "#ffffff",
            border: `1px solid ${colors.border}`,
            borderRadius: "12px",
            maxWidth: "560px",
            padding: "32px",
          }}
        >
          <Text style={{ color: colors.brand, fontSize: "20px", fontWeight: 700, letterSpacing: "-0.01em", margin: "0 0 24px" }}>
            Tenantry
          </Text>
          <Heading as="h1" style={{ color: colors.text, fontSize: "24px", lineHeight: "32px", fontWeight: 600, margin: "0 0 16px" }}>
            {heading}
          </Heading>
          {children}
          {action ? (
            <Section style={{ margin: "24px 0" }}>
              <Button
                href={action.url}
                style={{
                  backgroundColor: colors.brand,
                  borderRadius: "8px",
                  color: "#ffffff",
                  fontSize: "16px",
                  fontWeight: 600,
                  padding: "12px 20px",
                  textDecoration: "none",
                }}
              >
                {action.label}
              </Button>
              <Text style={{ ...styles.muted, margin: "16px 0 0" }}>
                If the button does not work, copy this link into your browser:
                <br />
                <Link href={action.url} style={{ color: colors.brand, textDecoration: "underline", wordBreak: "break-all" }}>
                  {action.url}
                </Link>
              </Text>
            </Section>
          ) : null}
          {footnote ? <Text style={styles.muted}>{footnote}</Text> : null}
          <Hr style={{ borderColor: colors.border, margin: "24px 0" }} />
          <Text style={{ ...styles.muted, fontSize: "12px", margin: 0 }}>
            Tenantry · You received this e-mail because of an action on your Tenantry account.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
