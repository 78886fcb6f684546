import { describe, expect, it } from 'vitest';
import { formatEta, formatSweepProgress } from '../../src/cli/sweep-progress.js';

describe('sweep progress line', () => {
  it('shows a bar, points and runs done, and the time left at the pace so far', () => {
    expect(formatSweepProgress({ runsDone: 12, runsTotal: 30, pointsDone: 2, pointsTotal: 5 }, 6000)).toBe('[########------------] 2/5 points  12/30 runs  ETA 9s');
    expect(formatSweepProgress({ runsDone: 0, runsTotal: 30, pointsDone: 0, pointsTotal: 5 }, 10, 4)).toBe('[----] 0/5 points  0/30 runs  ETA ?');
    expect(formatSweepProgress({ runsDone: 30, runsTotal: 30, pointsDone: 5, pointsTotal: 5 }, 60_000, 4)).toBe('[####] 5/5 points  30/30 runs  ETA 0s');
  });

  it('formats the time left', () => {
    expect(formatEta(42_400)).toBe('42s');
    expect(formatEta(185_000)).toBe('3m 05s');
    expect(formatEta(3_725_000)).toBe('1h 02m');
  });
});
