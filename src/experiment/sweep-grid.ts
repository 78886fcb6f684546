import type { Vary } from './vary.js';

/** One point of a sweep's grid: its index and the value of each varied path, in --vary order. */
export interface GridPoint {
  readonly index: number;
  readonly values: readonly string[];
}

/**
 * The full grid (cartesian product) of the varied parameters, in a fixed order: like
 * nested loops with the first --vary outermost, so the last --vary changes fastest.
 * `--vary a=1,2 --vary b=x,y` gives points 0: (1, x), 1: (1, y), 2: (2, x), 3: (2, y).
 * Without any --vary the grid is one point.
 */
export function sweepGrid(varies: readonly Vary[]): GridPoint[] {
  let combos: string[][] = [[]];
  for (const v of varies) combos = combos.flatMap((c) => v.values.map((x) => [...c, x]));
  return combos.map((values, index) => ({ index, values }));
}

/** `PATH=VALUE` overrides (as for --set) that give a point its values. */
export function pointOverrides(varies: readonly Vary[], point: GridPoint): string[] {
  return varies.map((v, i) => `${v.path}=${point.values[i]!}`);
}

/**
 * A sweep's jobs are (point, replication) pairs numbered point-major:
 * job = point * replications + replication.
 */
export function jobOf(job: number, replications: number): { point: number; replication: number } {
  return { point: Math.floor(job / replications), replication: job % replications };
}
