// Money as integer minor units (deal.value_cents, a bigint) in a currency: parsing what a person
// types, and formatting exactly (never through a float). Pure: client components import it too.

/** The currencies a deal may use (ISO 4217). A short list keeps the select usable. */
export const CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "JPY", "INR", "BRL", "MXN", "SGD", "ZAR"] as const;
export type Currency = (typeof CURRENCIES)[number];

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && (CURRENCIES as readonly string[]).includes(value);
}

/** Decimal places of the currency's minor unit (JPY 0, USD 2). */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat("en", {
        style: "currency",
        currency,
      }).resolvedOptions().maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** The largest value a deal may have, in major units (keeps sums far below 2^63 minor units). */
export const MAX_MAJOR = 999_999_999_999n;

export type ParsedAmount = { ok: true; minor: bigint } | { ok: false; message: string };

/**
 * "12,500.50", "12500.5", "$ 12 500" → minor units. Accepts digits with "," or spaces
 * as thousands separators and "." as the decimal point; at most the currency's decimals.
 */
export function parseAmount(input: string, currency: string): ParsedAmount {
  const digits = minorDigits(currency);
  const cleaned = input
    .trim()
    .replace(/^[^\d.-]+/, "")
    .replace(/[\s\u00a0_]/g, "");
  if (cleaned === "")
    return {
      ok: false,
      message: "Enter an amount, for example 12500 or 12,500.00.",
    };
  if (cleaned.startsWith("-")) return { ok: false, message: "The amount cannot be negative." };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === undefined && !match[2]))
    return {
      ok: false,
      message: "Enter an amount, for example 12500 or 12,500.00.",
    };
  const whole = (match[1] ?? "0").replace(/,/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > digits) {
    return {
      ok: false,
      message: digits === 0 ? `${currency} amounts have no decimals.` : `Use at most ${digits} decimals.`,
    };
  }
  const major = BigInt(whole);
  if (major > MAX_MAJOR) return { ok: false, message: "That amount is too large." };
  return {
    ok: true,
    minor: major * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0"),
  };
}

/** Minor units → the decimal string a person would type back ("12500.50"; "" for none). */
export function amountInput(minor: bigint | string, currency: string): string {
  const digits = minorDigits(currency);
  const value = BigInt(minor);
  if (digits === 0) return value.toString();
  const scale = 10n ** BigInt(digits);
  return `${value / scale}.${(value % scale).toString().padStart(digits, "0")}`;
}

/** "$12,500.50" — exact for any bigint (Intl formats a decimal string without a float). */
export function formatMoney(minor: bigint | string, currency: string, options: { compact?: boolean } = {}): string {
  const decimal = amountInput(minor, currency);
  try {
    const format = new Intl.NumberFormat("en", {
      style: "currency",
      currency,
      ...(options.compact ? { notation: "compact", maximumFractionDigits: 1 } : {}),
    });
    return format.format(decimal as unknown as number); // Intl.NumberFormat v3 accepts decimal strings
  } catch {
    return `${decimal} ${currency}`;
  }
}

/** Sums per currency as "$1,200 + €300" (mixed currencies are never added together). */
export function formatTotals(totals: Record<string, bigint | string>, options: { compact?: boolean } = {}): string {
  const parts = Object.entries(totals)
    .filter(([, v]) => BigInt(v) !== 0n)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, v]) => formatMoney(v, currency, options));
  return parts.length ? parts.join(" + ") : formatMoney(0n, Object.keys(totals)[0] ?? "USD", options);
}
