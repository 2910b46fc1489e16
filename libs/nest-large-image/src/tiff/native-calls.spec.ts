import { HandlePool } from './native-calls';

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
