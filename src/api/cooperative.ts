/**
 * Long synchronous work (an import of thousands of rows) in slices: the
 * returned function gives the event loop a turn once `sliceMs` have passed
 * since the last, so one request cannot keep a replica from answering others.
 */
export function cooperative(sliceMs = 10): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
