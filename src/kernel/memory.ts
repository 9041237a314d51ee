// A full garbage collection on request, for the few long jobs (a million-row import) whose
// garbage V8 otherwise lets pile up in the old heap: while allocation is fast it raises the
// heap's limit and collects late, so most of an import's peak memory was garbage.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** Collects garbage now (a full collection: tens of milliseconds on a 100 MB heap). */
export function collectGarbage(): void {
  if (!gc) {
    // Reaches V8's collector without starting node with --expose-gc.
    v8.setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
