import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs in a process of its own, so jest's threads keep their priority: a worker thread started before the
 * call and one started after it, then every thread's nice value (field 19 of /proc/<pid>/task/<tid>/stat)
 * once the rescan has run.
 */
const script = (increment: number) => `
const fs = require('node:fs');
const { Worker } = require('node:worker_threads');
const { lowerHelperThreadPriority } = require(${JSON.stringify(path.join(__dirname, 'helper-thread-priority.ts'))});
const idle = () => new Worker('setInterval(() => {}, 1000)', { eval: true });
const threadsNow = () => fs.readdirSync('/proc/self/task');
const niceOf = (tid) => { const stat = fs.readFileSync('/proc/self/task/' + tid + '/stat', 'utf8'); return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]); };
const early = idle();
early.once('online', () => {
  lowerHelperThreadPriority(${increment});
  const threadsAtCall = threadsNow();
  const late = idle();
  late.once('online', () => setTimeout(() => {
    const nices = Object.fromEntries(threadsNow().map((tid) => [tid === String(process.pid) ? 'main' : tid, niceOf(tid)]));
    const startedLater = threadsNow().filter((tid) => !threadsAtCall.includes(tid));
    console.log(JSON.stringify({ nices, startedLater }));
    process.exit(0);
  }, 2500));
});
`;

function run(increment: number): { nices: Record<string, number>; startedLater: string[] } {
  const output = execFileSync(process.execPath, ['--require', '@swc-node/register', '-e', script(increment)], {
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').pop()!);
}

(process.platform === 'linux' ? describe : describe.skip)('lowerHelperThreadPriority', () => {
  it('lowers every thread but the event loop, including threads started after the call', () => {
    const { nices, startedLater } = run(10);
    const { main, ...helpers } = nices;
    expect(main).toBe(0);
    // The second worker thread, at least, was started after the call: the rescan must have found it.
    expect(startedLater.length).toBeGreaterThan(0);
    for (const tid of startedLater) expect(helpers[tid]).toBe(10);
    expect(Object.values(helpers).every((nice) => nice === 10)).toBe(true);
  });

  it('adds to the main thread nice value and stays within 19', () => {
    const { nices } = run(25);
    expect(nices.main).toBe(0);
    expect(Object.entries(nices).filter(([tid]) => tid !== 'main').every(([, nice]) => nice === 19)).toBe(true);
  });
});
