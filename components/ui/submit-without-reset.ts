import { startTransition, type FormEvent } from "react";

/**
 * A form's onSubmit that runs its action without React's automatic form reset: React clears
 * every field after an action submitted through `<form action>`, so a refused form would lose
 * what was typed (JSON overrides, a reason). With JavaScript the action is dispatched here, in
 * a transition (pending state as usual); without it the form posts through its `action` prop.
 */
export function submitWithoutReset(action: (form: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => action(form));
  };
}
