/**
 * Server-rendered HTML for the pages that must work without JavaScript. Every interpolated value
 * is escaped unless it is SafeHtml, which only `html` itself and an explicit `raw()` produce.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = string | number | boolean | SafeHtml | null | undefined | readonly HtmlValue[];

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (character) => escapes[character] ?? character);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name`; booleans and nullish render nothing. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let result = strings[0] ?? '';
  values.forEach((value, index) => {
    result += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(result);
}

/** Marks a trusted fragment (never user input) as HTML. Every call site is a place to review. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

export type AttributeValue = string | number | boolean | null | undefined;

/**
 * Escaped attributes, each with a leading space: `true` writes a bare attribute, `false`, null and
 * undefined omit it. Names are code, never input; a bad name throws rather than open an injection.
 */
export function attributes(values: Record<string, AttributeValue>): SafeHtml {
  let result = '';
  for (const [name, value] of Object.entries(values)) {
    if (!/^[a-zA-Z][a-zA-Z0-9_:-]*$/.test(name)) throw new Error(`Invalid attribute name ${name}`);
    if (value === undefined || value === null || value === false) continue;
    result += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return new SafeHtml(result);
}
