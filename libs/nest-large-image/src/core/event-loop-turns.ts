/**
 * Takes turns on the event loop for synchronous phases of a few milliseconds (sampling, styling).
 * A plain `setImmediate` yield lets I/O run, but every request that yielded in the same turn resumes in
 * the same check phase, so with 16 tiles in flight their phases ran back to back and held the loop for
 * tens of milliseconds. Here waiters resume one per turn of the loop, in arrival order.
 */
const waiting: Array<() => void> = [];

export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(releaseOne);
  });
}

function releaseOne(): void {
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(releaseOne);
}
