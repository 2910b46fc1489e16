import type { IKoffiLib, KoffiFunction } from 'koffi';

/**
 * Native decoder calls in flight at once, across every native library; more wait here. Koffi's asynchronous
 * calls queue for libuv's threads, and koffi throws past its own queue's bound (256 calls), which a large
 * region's blocks would pass. Koffi keeps memory for this many calls (see configureKoffi).
 */
const MAX_IN_FLIGHT = 16;
let inFlight = 0;
const waiting: (() => void)[] = [];

/** Runs `call` once fewer than MAX_IN_FLIGHT native calls are running or queued. */
export async function inNativeCallSlot<T>(call: () => Promise<T>): Promise<T> {
  if (inFlight < MAX_IN_FLIGHT) inFlight++;
  // A finishing call hands its slot straight to the next waiting one.
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await call();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  }
}

/**
 * An output buffer for a native decoder: its own (not a slice of Node's pool), and not zeroed, as the decoder
 * writes every byte or fails.
 */
export const unzeroedBuffer = (byteLength: number): ArrayBuffer => Buffer.allocUnsafeSlow(byteLength).buffer;

/** `fn` called on libuv's threads through koffi, its result as a promise. */
export function callOffThread<T>(fn: KoffiFunction, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => fn.async(...args, (error: unknown, result: T) => (error ? reject(error) : resolve(result))));
}

/**
 * The first of `names` (by platform) that loads, bound by `bind`; null when koffi is missing or none loads,
 * or `bind` throws for each (a version without a function it needs).
 */
export function loadNativeLibrary<T>(names: Partial<Record<NodeJS.Platform, string[]>>, bind: (library: IKoffiLib) => T): T | null {
  let koffi: typeof import('koffi');
  try {
    koffi = require('koffi') as typeof import('koffi');
  } catch {
    return null;
  }
  configureKoffi(koffi);
  for (const name of names[process.platform] ?? []) {
    try {
      return bind(koffi.load(name));
    } catch {
      // Not under this name, or too old: try the next.
    }
  }
  return null;
}

/**
 * Has koffi keep the stack and heap (256 KB) of every call that may be in flight (16 is its maximum). By
 * default it keeps 4 sets and allocates and frees one for each further call: with 16 calls in flight that
 * cost about 20 µs of the event loop's CPU per call, against 2.5 µs with the sets kept. Koffi takes
 * settings only before it loads its first library; if the application loaded one through koffi first,
 * its settings stand.
 */
function configureKoffi(koffi: typeof import('koffi')): void {
  try {
    koffi.config({ resident_async_pools: MAX_IN_FLIGHT });
  } catch {
    // Settings already fixed by an earlier load (ours or the application's).
  }
}

/**
 * Handles of a native decoder (its state for one call at a time): at most `maxHandles`, made as calls need
 * them and kept for the next; a call waits for one when all are busy. Kept rather than made and closed per
 * call, or per burst: making one can cost more than the call (libtiff's opens a file). Once closed, the
 * pool destroys each handle as its call ends, or hands it to a call still waiting.
 */
export class HandlePool<Handle> {
  private readonly idle: Handle[] = [];
  private readonly waiting: ((handle: Handle) => void)[] = [];
  private made = 0;
  private closed = false;

  constructor(
    private readonly create: () => Handle,
    private readonly destroy: (handle: Handle) => void,
    private readonly maxHandles: number,
  ) {}

  async use<T>(call: (handle: Handle) => Promise<T>): Promise<T> {
    const handle = await this.take();
    try {
      return await call(handle);
    } finally {
      this.give(handle);
    }
  }

  /** Destroys the idle handles now and the others when their calls end. */
  close(): void {
    this.closed = true;
    for (const handle of this.idle.splice(0)) this.destroy(handle);
  }

  private take(): Handle | Promise<Handle> {
    const handle = this.idle.pop();
    if (handle !== undefined) return handle;
    if (this.made < this.maxHandles) {
      const made = this.create();
      this.made++;
      return made;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(handle: Handle): void {
    const next = this.waiting.shift();
    if (next) next(handle);
    else if (this.closed) this.destroy(handle);
    else this.idle.push(handle);
  }
}

/**
 * A native library the process uses when the system has it: looked for on first use, unless switched off.
 * Applies to the whole process, as geotiff.js's decoders are registered once for it.
 */
export class OptionalNativeLibrary<T> {
  private library: T | null | undefined;

  constructor(private readonly load: () => T | null) {}

  /** Whether the library may be used (the default) or never is. */
  enable(enabled: boolean): void {
    this.library = enabled ? undefined : null;
  }

  /** The library, or null when it is switched off or missing. */
  get(): T | null {
    if (this.library === undefined) this.library = this.load();
    return this.library;
  }
}
