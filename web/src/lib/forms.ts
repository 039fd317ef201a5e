/** A text field's value from a submitted form ('' when absent or a file). */
export function formText(form: HTMLFormElement | EventTarget | null, name: string): string {
  const value = new FormData(form as HTMLFormElement).get(name);
  return typeof value === 'string' ? value.trim() : '';
}
