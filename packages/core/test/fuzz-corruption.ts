/**
 * Test-only corruption toolkit for the property-based fuzzers (fuzz-*.test.ts): fast-check
 * arbitraries that break valid JSON documents the way real files break — flipped, cut, inserted
 * or deleted bytes, invalid UTF-8, values of the wrong type, NaN, ±Infinity, 1e308, deleted keys,
 * `__proto__` / `constructor` keys, huge strings and very deeply nested arrays.
 *
 * Two levels: {@link byteCorruption} works on the encoded bytes (so the parser sees them), and
 * {@link treeCorruption} works on the parsed tree and is written back with {@link toJsonText}
 * (which writes NaN as `NaN` — not JSON, as a careless exporter would — and ±Infinity as ±1e999,
 * which JSON.parse reads as ±Infinity).
 */
import fc from 'fast-check';

/** The fixed seed of CI runs, or `FUZZ_SEED` from the environment (to explore locally). */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  return Number.isSafeInteger(fromEnv) && process.env.FUZZ_SEED ? fromEnv : 20_260_801;
}

/** `runs`, multiplied by `FUZZ_RUNS_FACTOR` from the environment (default 1: the bounded CI budget). */
export function fuzzRuns(runs: number): number {
  const factor = Number(process.env.FUZZ_RUNS_FACTOR);
  return Number.isFinite(factor) && factor > 0 ? Math.ceil(runs * factor) : runs;
}

/** A parsed JSON value (plus the non-JSON numbers and deep nests a corruption may put in). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json } | DeepNest;

/** `depth` nested arrays around `leaf`, written without recursion (JSON.stringify would overflow the stack). */
export class DeepNest {
  constructor(
    readonly depth: number,
    readonly leaf: Json,
  ) {}
}

/**
 * Writes a value as JSON text. Like JSON.stringify, except: NaN → `NaN` (invalid JSON),
 * ±Infinity → `±1e999` (parses to ±Infinity), {@link DeepNest} → its brackets, and own
 * `__proto__` keys are written as keys (JSON.stringify writes them too; object literals would not).
 */
export function toJsonText(value: Json): string {
  if (value instanceof DeepNest) return '['.repeat(value.depth) + toJsonText(value.leaf) + ']'.repeat(value.depth);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return '1e999';
    if (value === -Infinity) return '-1e999';
    return JSON.stringify(value);
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  return `{${Object.keys(value)
    .map((key) => `${JSON.stringify(key)}:${toJsonText(value[key])}`)
    .join(',')}}`;
}

/**
 * The tree as a program would hold it in memory: {@link DeepNest}s become real nested arrays
 * (built in a loop), NaN and ±Infinity stay numbers, own `__proto__` keys stay own keys.
 */
export function materialize(value: Json): unknown {
  if (value instanceof DeepNest) {
    let nested: unknown = materialize(value.leaf);
    for (let i = 0; i < value.depth; i++) nested = [nested];
    return nested;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(materialize);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: materialize(value[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** Every location in a tree: the path of keys from the root (the root itself is `[]`). */
export function listPaths(root: Json): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const stack: { value: Json; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    paths.push(path);
    if (value === null || typeof value !== 'object' || value instanceof DeepNest) continue;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const key of Object.keys(value)) stack.push({ value: value[key], path: [...path, key] });
  }
  return paths;
}

/** Values a corruption may put anywhere: the awkward numbers, types and shapes of real broken files. */
export const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    NaN,
    Infinity,
    -Infinity,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    -0,
    5e-324,
    0,
    -1,
    null,
    true,
    false,
    '',
    'NaN',
    '1e308',
    '__proto__',
    [],
    {},
    [[]],
    [NaN, NaN],
    [1e308, -1e308],
    [53.2, 63.6],
    'Feature',
    'FeatureCollection',
    'Polygon',
    'Point',
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.constant('x'.repeat(5000)),
  fc.integer({ min: 1, max: 200_000 }).map((depth) => new DeepNest(depth, 0)),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** One structural edit of a tree. */
export type TreeEdit =
  | { op: 'replace'; at: number; value: Json }
  | { op: 'delete'; at: number }
  | { op: 'swap-type'; at: number }
  | { op: 'wrap'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'proto-key'; at: number; key: '__proto__' | 'constructor' | 'prototype' | 'toString'; value: Json };

const treeEdit: fc.Arbitrary<TreeEdit> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: nastyValue }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-type' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('proto-key' as const),
    at: fc.nat(),
    key: fc.constantFrom('__proto__' as const, 'constructor' as const, 'prototype' as const, 'toString' as const),
    value: nastyValue,
  }),
);

/** One to four structural edits. */
export const treeCorruption: fc.Arbitrary<TreeEdit[]> = fc.array(treeEdit, { minLength: 1, maxLength: 4 });

/** The value with the type swapped for a look-alike of another type. */
function swapType(value: Json): Json {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? 0 : Number(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (value === null) return 'null';
  if (value instanceof DeepNest) return value.depth;
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  return Object.values(value);
}

/** A deep copy that keeps {@link DeepNest}s and own `__proto__` keys (structuredClone keeps neither). */
export function cloneJson(value: Json): Json {
  if (value === null || typeof value !== 'object' || value instanceof DeepNest) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const copy: Record<string, Json> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: cloneJson(value[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** Applies edits to a deep copy of `root` (parsed JSON); returns the corrupted copy. */
export function applyTreeEdits(root: Json, edits: readonly TreeEdit[]): Json {
  let tree = cloneJson(root);
  for (const edit of edits) {
    const paths = listPaths(tree);
    const path = paths[edit.at % paths.length];
    const parent = path.slice(0, -1).reduce<Json>((v, key) => (v as Record<string, Json>)[key], tree) as
      Record<string, Json> | Json[] | undefined;
    const key = path[path.length - 1];
    const current = path.length === 0 ? tree : (parent as Record<string | number, Json>)[key];
    const set = (value: Json) => {
      if (path.length === 0) tree = value;
      else if (Array.isArray(parent)) parent[key as number] = value;
      // defineProperty, so that a "__proto__" key becomes an own data property like JSON.parse makes it.
      else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
    };
    switch (edit.op) {
      case 'replace':
        set(edit.value);
        break;
      case 'delete':
        if (path.length === 0) tree = null;
        else if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete (parent as Record<string, Json>)[key];
        break;
      case 'swap-type':
        set(swapType(current));
        break;
      case 'wrap':
        set([current]);
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.splice(key as number, 0, cloneJson(current));
        else set([current, current]);
        break;
      case 'proto-key': {
        const target = current !== null && typeof current === 'object' && !Array.isArray(current) ? current : parent;
        if (target && typeof target === 'object' && !Array.isArray(target) && !(target instanceof DeepNest)) {
          Object.defineProperty(target, edit.key, {
            value: edit.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        break;
      }
    }
  }
  return tree;
}

/** One byte-level edit of an encoded file. */
export type ByteEdit =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: readonly number[] }
  | { op: 'delete'; at: number; length: number }
  | { op: 'bad-utf8'; at: number; bytes: readonly number[] };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    op: fc.constant('bad-utf8' as const),
    at: fc.nat(),
    // Lone continuation bytes, a truncated 2-byte lead, overlong encodings, invalid bytes.
    bytes: fc.constantFrom([0x80], [0xc3], [0xc0, 0xaf], [0xff], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80]),
  }),
);

/** One to three byte-level edits. */
export const byteCorruption: fc.Arbitrary<ByteEdit[]> = fc.array(byteEdit, { minLength: 1, maxLength: 3 });

/** Applies byte edits to a copy of `bytes`. */
export function applyByteEdits(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let out = Array.from(bytes);
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % (out.length + 1);
    switch (edit.op) {
      case 'flip':
        if (out.length) out[at % out.length] = edit.byte;
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'insert':
      case 'bad-utf8':
        out.splice(at, 0, ...edit.bytes);
        break;
      case 'delete':
        out.splice(at, edit.length);
        break;
    }
  }
  return Uint8Array.from(out);
}
