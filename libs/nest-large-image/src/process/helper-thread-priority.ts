import fs from 'node:fs';
import os from 'node:os';

/** How often new threads are looked for: libvips, libuv and worker pools start threads as load rises. */
const RESCAN_MS = 1000;

/** Stops looking for new threads; those already lowered stay lowered (raising them back needs privilege). */
export type StopLoweringPriority = () => void;

/**
 * Lowers the CPU priority (raises the nice value, by `niceIncrement` over the main thread's) of every
 * thread of this process but the main one, the event loop, now and, every second, of threads started
 * since. Call it from the main thread of a server.
 *
 * Why: a tile passes through several threads (planning, reading, inflating, encoding), and each hand-off
 * wakes a thread that Linux lets take a core from the event loop, which then waits to run while it has
 * requests to move along. With more runnable threads than cores the event loop sets the pace, so it
 * should not wait for threads whose work it has queued. On two cores, with helper threads at nice 10,
 * DEFLATE tiles went from 224-258 to 264-319 a second (`docs/benchmark.md`). Helper threads still get
 * every core the event loop leaves idle.
 *
 * Linux only (threads are found in /proc/self/task, and setpriority takes a thread id there); elsewhere
 * it does nothing. A process may always lower its own priority, so no privilege is needed.
 */
export function lowerHelperThreadPriority(niceIncrement = 10): StopLoweringPriority {
  const nice = Math.min(19, os.getPriority() + niceIncrement);
  const tasks = `/proc/${process.pid}/task`;
  if (process.platform !== 'linux' || !fs.existsSync(tasks)) return () => undefined;
  const lowered = new Set<string>();
  const lowerNewThreads = () => {
    const current = new Set(fs.readdirSync(tasks));
    for (const tid of lowered) if (!current.has(tid)) lowered.delete(tid);
    for (const tid of current) {
      if (tid === String(process.pid) || lowered.has(tid)) continue;
      lowered.add(tid);
      try {
        os.setPriority(Number(tid), nice);
      } catch {
        // The thread has ended since the directory was read.
      }
    }
  };
  lowerNewThreads();
  const timer = setInterval(lowerNewThreads, RESCAN_MS).unref();
  return () => clearInterval(timer);
}
