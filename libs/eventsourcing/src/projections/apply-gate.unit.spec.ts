import { ApplyGate } from './apply-gate';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('apply gate', () => {
  it('runs shared tasks together and an exclusive one alone, after those in flight', async () => {
    const gate = new ApplyGate();
    const log: string[] = [];
    let finishFirst = () => {};
    const first = gate.shared(() =>
      new Promise<void>((resolve) => (finishFirst = resolve)).then(() => log.push('first done')),
    );
    const second = gate.shared(async () => log.push('second ran'));
    await tick();
    const swap = gate.exclusive(async () => log.push('swap'));
    const third = gate.shared(async () => log.push('third ran'));
    await tick();
    expect(log).toEqual(['second ran']); // the swap waits for `first`, `third` waits for the swap
    finishFirst();
    await Promise.all([first, second, swap, third]);
    expect(log).toEqual(['second ran', 'first done', 'swap', 'third ran']);
  });
});
