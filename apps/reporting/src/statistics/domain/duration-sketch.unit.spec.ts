import { DDSketch } from '@datadog/sketches-js';
import { binOf, quantileOf, RELATIVE_ACCURACY } from './duration-sketch';

describe('quantiles of durations kept as bins', () => {
  it('reads the quantile a DDSketch of the same durations reads, zeros included', () => {
    for (let trial = 0; trial < 200; trial++) {
      // Given durations of all sizes, a quarter of them zero, in bins and in a sketch
      const durations = Array.from({ length: 1 + (trial % 50) }, (_, i) =>
        i % 4 === 0 ? 0 : (i * 7919 + trial * 104_729) % 100_000,
      );
      const bins: Record<string, number> = {};
      const sketch = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
      for (const seconds of durations) {
        bins[binOf(seconds)] = (bins[binOf(seconds)] ?? 0) + 1;
        sketch.accept(seconds);
      }
      // Then the bins give the sketch's quantiles
      for (const quantile of [0.5, 0.9, 0.99]) {
        expect(quantileOf(bins, quantile)).toBe(Math.round(sketch.getValueAtQuantile(quantile)));
      }
    }
  });

  it('gives nothing for no duration, and ignores bins brought back to zero', () => {
    expect(quantileOf({}, 0.9)).toBeNull();
    expect(quantileOf({ z: 0, [binOf(60)]: 0 }, 0.9)).toBeNull();
  });
});
