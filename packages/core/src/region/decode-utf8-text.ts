import type { LayerName, RegionProblem } from './region-manifest.js';

/** V8's longest string, UTF-16 units (2^29 − 24, about 512 MiB of ASCII): longer text cannot be decoded whole. */
export const MAX_STRING_LENGTH = 2 ** 29 - 24;

/**
 * Decodes a layer's bytes as UTF-8, strictly: invalid bytes are a `not-utf8` problem (with `hint`
 * on how to fix it), never replacement characters. A byte-order mark is dropped.
 */
export function decodeUtf8Text(
  bytes: Uint8Array | string,
  file: string,
  layer: LayerName | undefined,
  hint: string,
): { text: string } | { problem: RegionProblem } {
  if (typeof bytes === 'string') return { text: bytes.replace(/^\uFEFF/, '') };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch (error) {
    if (!(error instanceof TypeError)) {
      // Not a decoding error (that is a TypeError): with more bytes than the longest string has
      // characters (V8: 2^29 − 24, about 512 MiB), the text is too long to be parsed whole.
      if (bytes.length <= MAX_STRING_LENGTH) throw error;
      return {
        problem: {
          severity: 'error',
          file,
          layer,
          code: 'file-too-large',
          message: `is ${Math.round(bytes.length / 1048576)} MiB, more text than one JavaScript string can hold (about 512 MiB): split the layer into smaller regions (for an OSM import, import district by district or cut the extract)`,
        },
      };
    }
    return {
      problem: { severity: 'error', file, layer, code: 'not-utf8', message: `is not valid UTF-8 text (${hint})` },
    };
  }
}
