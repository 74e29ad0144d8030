import type { FormEvent } from "react";

/** A form's onSubmit that asks `message` first (the browser's confirm) and cancels on "no". */
export function confirmBeforeSubmit(message: string | undefined) {
  return (event: FormEvent<HTMLFormElement>) => {
    if (message && !window.confirm(message)) event.preventDefault();
  };
}
