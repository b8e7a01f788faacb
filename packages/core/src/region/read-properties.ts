/**
 * Reads mapped properties of GeoJSON features. Property bags are plain data: only own
 * properties are read, so keys such as `__proto__` or `constructor` are inert.
 */

/** The feature's own property `name`, or undefined. */
export function readOwnProperty(properties: unknown, name: string | undefined): unknown {
  if (name === undefined || properties === null || typeof properties !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(properties, name)
    ? (properties as Record<string, unknown>)[name]
    : undefined;
}

/** Result of reading a numeric property. */
export type NumberReading = { kind: 'missing' } | { kind: 'invalid'; raw: unknown } | { kind: 'ok'; value: number };

/**
 * Reads a number that may be written as a JSON number or a numeric string (`"1234"`,
 * `"1 234"`, `"1234.5"`). Empty strings and null count as missing.
 */
export function readNumber(value: unknown): NumberReading {
  if (value === undefined || value === null || value === '') return { kind: 'missing' };
  if (typeof value === 'number')
    return Number.isFinite(value) ? { kind: 'ok', value } : { kind: 'invalid', raw: value };
  if (typeof value === 'string') {
    const cleaned = value.trim().replace(/[\s\u00a0]/g, '');
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) {
      const n = Number(cleaned);
      if (Number.isFinite(n)) return { kind: 'ok', value: n };
    }
  }
  return { kind: 'invalid', raw: value };
}

/** Reads a speed such as `90`, `"90"`, `"60 mph"` (converted) or `"RU:urban"` (invalid), km/h. */
export function readSpeedKmh(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh)?\s*$/i.exec(value);
  if (!match) return undefined;
  const speed = Number(match[1]) * (match[2]?.toLowerCase() === 'mph' ? 1.609344 : 1);
  return speed > 0 ? speed : undefined;
}

/**
 * A name from the input (a path, a property or key name) in double quotes for messages, cut to
 * `maxChars` characters with an ellipsis, so that a 100 MB "name" cannot flood the output.
 */
export function quoteName(name: string, maxChars = 100): string {
  return `"${name.length > maxChars ? name.slice(0, maxChars - 1) + '…' : name}"`;
}

/** Longest description {@link describeValue} returns, characters. */
const DESCRIPTION_MAX_CHARS = 40;

/**
 * A value as a short printable string for messages (at most 40 characters), written like JSON
 * except that Infinity and NaN (e.g. from a `1e999` literal) are shown as such. Safe on any input:
 * it stops after 40 characters, so a 100 MB string, a 100,000-level nested array or a cyclic
 * object is described, never stringified whole (JSON.stringify would overflow the stack).
 */
export function describeValue(value: unknown): string {
  const text = briefJson(value, 0);
  return text.length > DESCRIPTION_MAX_CHARS ? text.slice(0, DESCRIPTION_MAX_CHARS - 3) + '…' : text;
}

/** JSON-like text of `value`, cut off soon after {@link DESCRIPTION_MAX_CHARS} characters. */
function briefJson(value: unknown, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, DESCRIPTION_MAX_CHARS + 1));
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (value === null || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return String(value);
  const isArray = Array.isArray(value);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  // Past a few levels (or a cycle), the contents no longer help a reader.
  if (depth >= 6) return `${open}…${close}`;
  const items: string[] = [];
  let length = 1;
  const keys = isArray ? (value as unknown[]).keys() : Object.keys(value as object).values();
  for (const key of keys) {
    const item = (value as Record<string | number, unknown>)[key];
    if (!isArray && (item === undefined || typeof item === 'function' || typeof item === 'symbol')) continue;
    const text = isArray
      ? item === undefined || typeof item === 'function' || typeof item === 'symbol'
        ? 'null'
        : briefJson(item, depth + 1)
      : `${JSON.stringify(key)}:${briefJson(item, depth + 1)}`;
    items.push(text);
    length += text.length + 1;
    if (length > DESCRIPTION_MAX_CHARS) break;
  }
  return open + items.join(',') + close;
}

/** The id to show for a feature: the mapped id property, else the feature's `id` member. */
export function readFeatureId(feature: unknown, idProperty: string | undefined): string | undefined {
  if (feature === null || typeof feature !== 'object') return undefined;
  const mapped = readOwnProperty((feature as { properties?: unknown }).properties, idProperty);
  if (typeof mapped === 'string' || typeof mapped === 'number') return String(mapped);
  const own = (feature as { id?: unknown }).id;
  return typeof own === 'string' || typeof own === 'number' ? String(own) : undefined;
}
