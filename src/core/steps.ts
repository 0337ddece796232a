/**
 * Long computations written as generators that yield between steps, so that the same code runs at
 * once (`runSteps`) or in slices between which the event loop turns (`runInSlices`).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs all the steps; returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs the steps in slices of about `sliceMs` milliseconds, awaiting `pause()` between them. */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = 20, pause: () => Promise<void> = nextTurn): Promise<T> {
  let since = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - since >= sliceMs) {
      await pause();
      since = performance.now();
    }
  }
}

/** A turn of the event loop: what is waiting (I/O, messages, timers) runs first. */
export function nextTurn(): Promise<void> {
  // setImmediate where there is one (Node, the desktop extension host); a timer in a browser. Twice:
  // called from an I/O callback, one setImmediate runs before the loop turns (timers wait), while
  // one set from a setImmediate callback always waits for the next turn.
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(() => setImmediate(resolve)) : setTimeout(resolve, 0)));
}

/** Iterations of a plain loop between two steps. */
export const STEP_ITEMS = 1 << 16;
