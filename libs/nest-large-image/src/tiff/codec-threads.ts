import { Piscina } from 'piscina';
import { workerEntry } from '../core/worker-entry';
import type { CodecAnswer, CodecTask } from './codec-worker';

/** Idle codec threads stop after this long; the next block starts one again. */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * Worker threads for the codecs that are JavaScript (LZW, PackBits, LERC), so that decoding stays off the
 * event loop as libvips and zlib keep JPEG, WebP and DEFLATE off it. One pool per process, like
 * geotiff.js's registry of decoders that uses it; threads start on first use and stop when idle (they
 * never keep a process alive).
 */
class CodecThreads {
  private pool?: Piscina;
  private threads = 1;
  private completedTasks = 0;
  private readonly entry = workerEntry('codec-worker', __dirname);

  /** Sets how many threads decode; 0 decodes on the calling thread. The last engine created sets it. */
  configure(threads: number): void {
    if (threads === this.threads) return;
    this.threads = threads;
    const pool = this.pool;
    this.pool = undefined;
    void pool?.close();
  }

  /** False with 0 threads, or when the library was bundled without its worker file. */
  get enabled(): boolean {
    return this.threads > 0 && this.entry !== undefined;
  }

  /** Blocks decoded on codec threads so far, by every pool this process has had. */
  get completed(): number {
    return this.completedTasks;
  }

  async decode(task: CodecTask): Promise<CodecAnswer> {
    this.pool ??= new Piscina({ ...this.entry, minThreads: 0, maxThreads: this.threads, idleTimeout: IDLE_TIMEOUT_MS });
    const answer: CodecAnswer = await this.pool.run(task);
    this.completedTasks++;
    return answer;
  }
}

export const codecThreads = new CodecThreads();
