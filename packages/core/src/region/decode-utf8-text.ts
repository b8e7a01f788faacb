import type { LayerName, RegionProblem } from './region-manifest.js';

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
  } catch {
    return {
      problem: { severity: 'error', file, layer, code: 'not-utf8', message: `is not valid UTF-8 text (${hint})` },
    };
  }
}
