import type { JSX } from 'preact';

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>;

/** A labelled text input: `<div class="field">`, its label, and the input with id `id`. */
export function Field(props: { id: string; name: string; label: string } & InputAttributes) {
  const { id, name, label, ...attributes } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name={name} type="text" {...attributes} />
    </div>
  );
}
