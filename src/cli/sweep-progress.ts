import type { SweepProgress } from '../experiment/run-sweep.js';

/** The counts a sweep's progress line shows: `2/5 points  12/30 runs`. */
export function sweepDetail(p: SweepProgress): string {
  return `${p.pointsDone}/${p.pointsTotal} points  ${p.runsDone}/${p.runsTotal} runs`;
}
