import type { JSX } from 'preact';

/** The server's limit (after trimming). */
const nameMaxLength = 60;
/** Something other than spaces (the server trims, then needs one character). */
const notOnlySpaces = '.*\\S.*';

/** A passkey name as the server accepts it; the browser explains a bad one before sending. */
export function PasskeyNameInput(
  props: { id: string; value: string; onValue: (value: string) => void } & Pick<
    JSX.InputHTMLAttributes<HTMLInputElement>,
    'aria-describedby'
  >,
) {
  return (
    <input
      id={props.id}
      name="name"
      type="text"
      required
      maxLength={nameMaxLength}
      pattern={notOnlySpaces}
      autocomplete="off"
      dir="auto"
      value={props.value}
      aria-describedby={props['aria-describedby']}
      onInput={(event) => props.onValue(event.currentTarget.value)}
    />
  );
}
