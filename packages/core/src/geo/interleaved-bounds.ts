/**
 * The bounding box [minX, minY, maxX, maxY] of the first `count` points of interleaved x, y
 * coordinates (any unit: metres, degrees). Empty input gives [Infinity, Infinity, -Infinity,
 * -Infinity]; callers decide what an empty box means for them.
 */
export function interleavedBounds(
  xy: ArrayLike<number>,
  count: number = xy.length >> 1,
): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = xy[i * 2];
    const y = xy[i * 2 + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}
