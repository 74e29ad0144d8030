"use client";
// The billing banner is not shown on the Billing page (which shows the same state in full).
// usePathname() is the browser's path ("/billing"); the rewritten internal path ends the same.
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export function HideOnBillingPage({ children }: { children: ReactNode }) {
  const pathname = usePathname() ?? "";
  return pathname === "/billing" || pathname.endsWith("/billing") ? null : <>{children}</>;
}
