/** A max-heap of candidate indices ordered by their keys (see {@link createCandidateHeap}). */
export interface CandidateHeap {
  /** Number of candidates in the heap. */
  readonly size: number;
  /** Adds candidate `c`, ordered by `key[c]` as it is now. */
  push(c: number): void;
  /** Removes and returns the candidate with the greatest key (the lower index on ties). */
  pop(): number;
}

/**
 * The lazy greedy's priority queue: a binary max-heap of candidate indices on a typed array,
 * ordered by `key[c]` descending, then by index ascending so that ties break the same way as the
 * plain greedy (and brute force) does. Holds at most `key.length` candidates at once; a key is read
 * when the candidate is pushed and while it is in the heap, so change it only while it is out.
 */
export function createCandidateHeap(key: Float64Array): CandidateHeap {
  const heap = new Int32Array(key.length);
  let size = 0;
  const better = (a: number, b: number) => key[a] > key[b] || (key[a] === key[b] && a < b);
  return {
    get size() {
      return size;
    },
    push(c) {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!better(c, heap[parent])) break;
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = c;
    },
    pop() {
      const top = heap[0];
      const last = heap[--size];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && better(heap[child + 1], heap[child])) child++;
        if (!better(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      if (size > 0) heap[i] = last;
      return top;
    },
  };
}
