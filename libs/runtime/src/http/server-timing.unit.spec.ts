import { StepTimings } from './server-timing';

describe('a request’s Server-Timing', () => {
  it('names each step with its duration, a step timed twice added up', async () => {
    const timings = new StepTimings();
    expect(await timings.time('index', () => 42)).toBe(42);
    timings.add('docs', 1.5);
    timings.add('docs', 2);
    await expect(timings.time('view', () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(timings.header()).toMatch(/^index;dur=\d+\.\d\d, docs;dur=3\.50, view;dur=\d+\.\d\d$/);
  });
});
