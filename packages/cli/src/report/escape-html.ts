/**
 * HTML that is already safe to insert: markup this package generated, with every piece of data
 * inside it escaped. Only {@link html} and {@link trustedHtml} make one.
 */
export class SafeHtml {
  /** The markup. */
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and quoted attribute values (`&`, `<`, `>`, `"`, `'`),
 * so that data — a district named `<img src=x onerror=alert(1)>` — shows as text and never
 * becomes markup. Non-strings are converted with `String` first.
 */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * A template tag that escapes every interpolated value unless it is {@link SafeHtml}. Arrays are
 * joined (each item by the same rule); `null`, `undefined` and `false` insert nothing. Building
 * every page with it makes escaping the default: data can only reach the page as text.
 *
 * ```ts
 * html`<td>${district.name}</td>`  // name escaped
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += interpolate(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

function interpolate(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join('');
  return escapeHtml(value);
}

/**
 * Marks generated markup as safe (an SVG path's `d` made of numbers, a style sheet). Never pass
 * text that came from data.
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
