import koffi from 'koffi';
import { HandlePool, callOffThread, inNativeCallSlot, loadNativeLibrary } from './native-calls';

/** A call that holds its handle until `finish` is called. */
function heldCall() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { finish, call: async (handle: number) => (await done, handle) };
}

describe('HandlePool', () => {
  it('makes at most its bound of handles, keeps them, and serves waiting calls as handles come back', async () => {
    let made = 0;
    const destroyed: number[] = [];
    const pool = new HandlePool(() => ++made, (handle) => destroyed.push(handle), 2);
    const calls = [heldCall(), heldCall(), heldCall()];
    const results = calls.map(({ call }) => pool.use(call));
    await Promise.resolve();
    expect(made).toBe(2);
    calls[0].finish();
    calls[1].finish();
    calls[2].finish();
    // The third call ran on the first call's handle once it came back.
    expect(await Promise.all(results)).toEqual([1, 2, 1]);
    expect(await pool.use(async (handle) => handle)).toBe(1);
    expect({ made, destroyed }).toEqual({ made: 2, destroyed: [] });
  });

  it('once closed, destroys idle handles at once and busy ones as their calls end', async () => {
    let made = 0;
    const destroyed: number[] = [];
    const pool = new HandlePool(() => ++made, (handle) => destroyed.push(handle), 2);
    await pool.use(async () => undefined);
    const busy = heldCall();
    const [first, second] = [pool.use(busy.call), pool.use(async (handle) => handle)];
    // The busy call took the idle handle, 1; the second needed a new one.
    expect(await second).toBe(2);
    pool.close();
    expect(destroyed).toEqual([2]);
    busy.finish();
    expect(await first).toBe(1);
    expect(destroyed).toEqual([2, 1]);
  });

  it('gives a handle back when the call fails', async () => {
    const pool = new HandlePool(() => 7, () => undefined, 1);
    await expect(pool.use(async () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await pool.use(async (handle) => handle)).toBe(7);
  });
});

describe('native calls', () => {
  // libc by its Linux name.
  (process.platform === 'linux' ? it : it.skip)('has koffi keep memory for every call in flight, and runs calls on its threads', async () => {
    const labs = loadNativeLibrary({ linux: ['libc.so.6'] }, (library) => library.func('long labs(long)'));
    expect(labs).not.toBeNull();
    expect(koffi.config().resident_async_pools).toBe(16);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => inNativeCallSlot(() => callOffThread<number>(labs!, -i))));
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('runs at most 16 calls at once and starts waiting ones as calls end', async () => {
    const calls = Array.from({ length: 20 }, () => heldCall());
    let running = 0;
    let mostRunning = 0;
    const results = calls.map(({ call }, i) =>
      inNativeCallSlot(async () => {
        mostRunning = Math.max(mostRunning, ++running);
        const value = await call(i);
        running--;
        return value;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(running).toBe(16);
    for (const { finish } of calls) finish();
    expect(await Promise.all(results)).toEqual(calls.map((_, i) => i));
    expect(mostRunning).toBe(16);
  });
});
