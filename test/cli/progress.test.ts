import { describe, expect, it } from 'vitest';
import { etaMs, formatEta, progressLine } from '../../src/cli/progress-line.js';
import { Progress, type ProgressStream } from '../../src/cli/progress.js';
import { RunProgressModel } from '../../src/cli/run-progress.js';
import { sweepDetail } from '../../src/cli/sweep-progress.js';

const state = { label: 'aiderss', fraction: 0.4, detail: 'replication 9/20', elapsedMs: 12_000 };

/** A terminal of `columns` that records what is written. */
function terminal(columns: number, isTTY = true): ProgressStream & { text: string } {
  return {
    isTTY,
    columns,
    text: '',
    write(t: string) {
      this.text += t;
      return true;
    },
  };
}

describe('progress line', () => {
  it('shows the bar, the share done, the counts, the time elapsed and the time left at the pace so far', () => {
    expect(progressLine(state, 100)).toBe('aiderss [############------------------]  40%  replication 9/20  elapsed 12s  ETA 18s');
    expect(progressLine({ ...state, detail: sweepDetail({ runsDone: 12, runsTotal: 30, pointsDone: 2, pointsTotal: 5 }) }, 100)).toContain('2/5 points  12/30 runs');
  });

  it('has no ETA before anything is done or before a second has passed', () => {
    expect(progressLine({ ...state, fraction: 0, elapsedMs: 0 }, 100)).toMatch(/ 0% .* elapsed 0s  ETA \?$/);
    expect(etaMs(0.5, 900)).toBeUndefined();
    expect(etaMs(0.25, 10_000)).toBe(30_000);
  });

  it('never reaches the last column of the terminal, however narrow: the bar shrinks, then goes, then the text is cut', () => {
    for (let columns = 1; columns <= 120; columns++) {
      const line = progressLine(state, columns);
      expect(line.length, `${columns} columns: ${line}`).toBeLessThanOrEqual(Math.max(1, columns - 1));
    }
    expect(progressLine(state, 70)).toMatch(/^aiderss \[#+-+\]  40%/);
    expect(progressLine(state, 60)).toBe('aiderss  40%  replication 9/20  elapsed 12s  ETA 18s');
    expect(progressLine(state, 30)).toBe('aiderss  40%  replication 9/…');
  });

  it('formats times', () => {
    expect(formatEta(42_400)).toBe('42s');
    expect(formatEta(185_000)).toBe('3m 05s');
    expect(formatEta(3_725_000)).toBe('1h 02m');
  });
});

describe('Progress on a terminal', () => {
  it('draws at once, redraws on updates no closer than 100 ms (unless forced), and clears its line', () => {
    let now = 0;
    const tty = terminal(60);
    const p = new Progress({ quiet: false, stream: tty, now: () => now });
    p.start('x', 'replication 1/2');
    expect(tty.text).toBe('\r\x1b[2Kx [--------------]   0%  replication 1/2  elapsed 0s  ETA ?'); // 59 characters on 60 columns
    now = 50;
    p.update(0.25, 'replication 1/2');
    expect(tty.text.split('\r').length).toBe(2); // skipped: 50 ms after the last draw
    now = 2000;
    p.update(0.5, 'replication 2/2');
    expect(tty.text.endsWith(' 50%  replication 2/2  elapsed 2s  ETA 2s')).toBe(true);
    now = 2010;
    p.update(1, 'replication 2/2', true);
    expect(tty.text).toContain('100%');
    p.done();
    expect(tty.text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('is silent when not a terminal, or with --quiet', () => {
    for (const [quiet, isTTY] of [[true, true], [false, false]] as const) {
      const s = terminal(80, isTTY);
      const p = new Progress({ quiet, stream: s });
      p.start('x', 'y');
      p.update(1, 'y', true);
      p.done();
      expect(s.text).toBe('');
      expect(p.enabled).toBe(false);
    }
  });
});

describe('the progress of a run', () => {
  it('counts replications done and the simulated clock of the current one, weighted by the share of time simulating', () => {
    const m = new RunProgressModel(4, 0);
    const d = 1000;
    m.simulated({ replication: 0, replications: 4, simulatedMs: 500, durationMs: d }, 10);
    expect(m.fraction).toBeCloseTo(0.5 / 4, 12); // nothing learned yet: simulating is all of it
    m.simulated({ replication: 0, replications: 4, simulatedMs: d, durationMs: d }, 30);
    expect(m.detail).toBe('replication 1/4  collecting results');
    m.finished(1, 40); // 30 ms simulating, 10 collecting: simulating is 3/4 of a replication
    expect(m.fraction).toBeCloseTo(1 / 4, 12);
    expect(m.detail).toBe('replication 2/4');
    m.simulated({ replication: 1, replications: 4, simulatedMs: 500, durationMs: d }, 55);
    expect(m.fraction).toBeCloseTo((1 + 0.75 * 0.5) / 4, 12);
    m.finished(4, 100);
    expect(m.fraction).toBe(1);
  });
});
