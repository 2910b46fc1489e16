import { EventLoopTurn } from './event-loop-turn';

describe('EventLoopTurn', () => {
  it('lets timers run during a loop whose awaits never reach the event loop', async () => {
    const turn = new EventLoopTurn(5);
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const started = performance.now();
    while (!timerRan && performance.now() - started < 1000) {
      // Synchronous work between awaits of already-resolved promises, as a scan of sparse blocks does.
      await Promise.resolve();
      await turn.pauseIfLong();
    }
    expect(timerRan).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('does not pause a short loop', async () => {
    const turn = new EventLoopTurn(1000);
    let immediateRan = false;
    setImmediate(() => (immediateRan = true));
    for (let i = 0; i < 100; i++) await turn.pauseIfLong();
    expect(immediateRan).toBe(false);
  });
});
