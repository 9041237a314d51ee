// Values computed from the database (a dashboard's figures), kept until the data changes.
// The caller puts the database's data version (the newest audit id: every change is audited
// in its own transaction) in the key, so a value made before a write on any app process is
// never served after it. Requests for the same key while it is being computed share the one
// computation, so fifty leaders opening the dashboard after a change cost one computation.
import { LRUCache } from 'lru-cache';

export type VersionedMemo<T> = (key: string, compute: () => Promise<T>) => Promise<T>;

/** A memo of at most `entries` values; `entries` 0 computes every time. */
export function versionedMemo<T extends object>(entries: number): VersionedMemo<T> {
  if (entries <= 0) return (_key, compute) => compute();
  const values = new LRUCache<string, Promise<T>>({ max: entries });
  return (key, compute) => {
    let value = values.get(key);
    if (!value) {
      value = compute();
      values.set(key, value);
      // A failed computation is not kept: the next request tries again.
      value.catch(() => values.delete(key));
    }
    return value;
  };
}
