import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

const NS_PER_MS = 1e6;

/** What one process reports about itself: event-loop delay since the last reset, and memory. */
export interface ProcessStatsSnapshot {
  pid: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  rssBytes: number;
  heapUsedBytes: number;
  /** Memory of ArrayBuffers and Buffers (outside the JS heap): where cached blocks, rasters and tiles live. */
  arrayBuffersBytes: number;
}

/** Samples the event loop's delay (how long timers wait behind synchronous work) from creation on. */
export class ProcessStats {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });

  constructor() {
    this.delay.enable();
  }

  snapshot(reset: boolean): ProcessStatsSnapshot {
    const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
    const snapshot = {
      pid: process.pid,
      eventLoopDelayMs: {
        p50: this.delay.percentile(50) / NS_PER_MS,
        p99: this.delay.percentile(99) / NS_PER_MS,
        max: this.delay.max / NS_PER_MS,
      },
      rssBytes: rss,
      heapUsedBytes: heapUsed,
      arrayBuffersBytes: arrayBuffers,
    };
    if (reset) this.delay.reset();
    return snapshot;
  }

  stop(): void {
    this.delay.disable();
  }
}
