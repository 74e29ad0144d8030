// Threat A5: whatever string reaches sendEmail, a message goes to at most one recipient.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidRecipientError, isValidRecipient, parseRecipient } from "@/lib/email/address";

describe("parseRecipient", () => {
  it.each([
    ["ada@example.com", "ada@example.com"],
    ["  Ada.Lovelace+tag@Example.COM ", "Ada.Lovelace+tag@example.com"],
    ["o'brien@acme.localhost", "o'brien@acme.localhost"],
    ["x_y-z@sub.example.co.uk", "x_y-z@sub.example.co.uk"],
  ])("accepts one plain address %j", (input, expected) => {
    expect(parseRecipient(input)).toBe(expected);
  });

  it.each([
    ["a list", "a@example.com,b@example.com"],
    ["a list with ;", "a@example.com;b@example.com"],
    ["a list with space", "a@example.com b@example.com"],
    ["CRLF header injection", "a@example.com\r\nBcc: victim@example.com"],
    ["LF injection", "a@example.com\nbcc:b@example.com"],
    ["a display name", "Ada <ada@example.com>"],
    ["angle brackets only", "<ada@example.com>"],
    ["angle-bracket trick", "ada@example.com<evil@attacker.test>"],
    ["a quoted local part", '"a,b"@example.com'],
    ["a comment", "ada(comment)@example.com"],
    ["a group", "undisclosed:a@example.com;"],
    ["two @", "a@b@example.com"],
    ["no @", "example.com"],
    ["no domain dot", "ada@localhost"],
    ["empty", ""],
    ["NUL", "ada@example.com\u0000"],
    ["tab", "ada@exa\tmple.com"],
    ["line separator", "ada@example.com\u2028b@example.com"],
    ["too long", `${"a".repeat(250)}@example.com`],
    ["a backslash", "a\\@example.com"],
  ])("rejects %s", (_, input) => {
    expect(() => parseRecipient(input)).toThrow(InvalidRecipientError);
  });

  it("rejects non-strings", () => {
    for (const input of [null, undefined, 42, ["a@example.com"], { to: "a@example.com" }]) {
      expect(isValidRecipient(input)).toBe(false);
    }
  });

  it("does not echo the input in its message", () => {
    expect(() => parseRecipient("evil\r\n<script>@x")).toThrow(/^(?!.*script).*$/s);
  });

  it("property: an accepted string holds exactly one @ and no separator, bracket, quote or control character", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab.@,;<> \r\n\"':()+-_xyzEXAMPLEcom\u0000\u2028"), maxLength: 40 }), (input) => {
        let accepted: string;
        try {
          accepted = parseRecipient(input);
        } catch {
          return true;
        }
        return accepted.split("@").length === 2 && !/[\s,;<>"():\u0000-\u001f\u2028]/.test(accepted);
      }),
      { numRuns: 2_000 },
    );
  });
});
