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

/** A value as a short printable string for messages (at most 40 characters). */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    // JSON.stringify writes Infinity and NaN (e.g. from a `1e999` literal) as null: mark and restore them.
    const json = JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? `\u0000${v}` : v,
    );
    text = typeof value === 'string' ? json : String(json?.replace(/"\\u0000(-?Infinity|NaN)"/g, '$1') ?? value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? text.slice(0, 37) + '…' : text;
}

/** The id to show for a feature: the mapped id property, else the feature's `id` member. */
export function readFeatureId(feature: unknown, idProperty: string | undefined): string | undefined {
  if (feature === null || typeof feature !== 'object') return undefined;
  const mapped = readOwnProperty((feature as { properties?: unknown }).properties, idProperty);
  if (typeof mapped === 'string' || typeof mapped === 'number') return String(mapped);
  const own = (feature as { id?: unknown }).id;
  return typeof own === 'string' || typeof own === 'number' ? String(own) : undefined;
}
