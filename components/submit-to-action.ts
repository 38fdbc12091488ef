import { startTransition, type BaseSyntheticEvent } from 'react';

/**
 * The react-hook-form handler of every form here: once the fields pass the shared zod schema,
 * post the form's own FormData to its server action, exactly what the browser posts without
 * JavaScript. `before` runs once the data is taken (clearing a password field, say).
 */
export function submitToAction(formAction: (data: FormData) => void, before?: () => void) {
  return (_values: unknown, event?: BaseSyntheticEvent) => {
    const data = new FormData(event?.target as HTMLFormElement);
    before?.();
    startTransition(() => formAction(data));
  };
}
