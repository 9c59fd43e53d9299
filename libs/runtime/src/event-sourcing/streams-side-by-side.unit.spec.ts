import type { EventEnvelope } from '@itsm/contracts';
import { handleStreamsSideBySide } from './streams-side-by-side';

const event = (streamId: string, sequence: number) => ({ streamId, sequence, type: 'x' }) as unknown as EventEnvelope;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('handleStreamsSideBySide', () => {
  it('keeps each stream in order while streams run side by side, at most `lanes` at once', async () => {
    const batch = [event('a', 1), event('b', 1), event('a', 2), event('c', 1), event('b', 2), event('a', 3)];
    const handled: string[] = [];
    let running = 0;
    let most = 0;
    await handleStreamsSideBySide(
      batch,
      async (e) => {
        running++;
        most = Math.max(most, running);
        await tick();
        handled.push(`${e.streamId}${e.sequence}`);
        running--;
      },
      2,
    );
    expect(handled.filter((h) => h.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(handled.filter((h) => h.startsWith('b'))).toEqual(['b1', 'b2']);
    expect(handled).toHaveLength(6);
    expect(most).toBe(2);
  });

  it('stops a failing stream at its failure, finishes the others, then throws the failure', async () => {
    const batch = [event('a', 1), event('a', 2), event('b', 1), event('b', 2)];
    const handled: string[] = [];
    const failure = new Error('a1 failed');
    await expect(
      handleStreamsSideBySide(
        batch,
        async (e) => {
          if (e.streamId === 'a' && e.sequence === 1) throw failure;
          handled.push(`${e.streamId}${e.sequence}`);
        },
        4,
      ),
    ).rejects.toBe(failure);
    expect(handled).toEqual(['b1', 'b2']);
  });
});
