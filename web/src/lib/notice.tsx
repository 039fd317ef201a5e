import type { Message } from './message.ts';

/** A status line (what just happened, or why a list is missing), read out by screen readers. */
export function Notice(props: { message: Message | null | undefined; id?: string }) {
  if (!props.message) return null;
  return (
    <p class="notice" role="status" id={props.id}>
      {props.message.render()}
    </p>
  );
}

/** An error next to the form or action that failed, announced at once. */
export function ErrorText(props: { message: Message | null | undefined; id?: string }) {
  if (!props.message) return null;
  return (
    <p class="error" role="alert" id={props.id}>
      {props.message.render()}
    </p>
  );
}
