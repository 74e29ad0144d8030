"use client";
import { useEffect } from "react";

/** Full navigation to an action's `redirectTo` (see the header of lib/auth/actions.ts). */
export function useRedirect(redirectTo: string | undefined) {
  useEffect(() => {
    if (redirectTo) window.location.assign(redirectTo);
  }, [redirectTo]);
}
