// Many requests at once each need a fresh read of the same small value (the data version the
// caches are keyed on). Reading it once per request made the database round trip the largest
// cost of a cached page. Here at most one read runs at a time, and every caller gets the result
// of a read that started after it asked: callers arriving during a read share the next one. So
// a change committed before a request arrives is always seen by that request.
export function coalescedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const current = read().finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
  return () => {
    if (!running) return start();
    if (!next) {
      next = running
        .catch(() => undefined)
        .then(() => {
          next = null;
          return start();
        });
    }
    return next;
  };
}
