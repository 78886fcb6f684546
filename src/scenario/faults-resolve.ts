import { formatDuration } from '../engine/units.js';
import { hostId, parseHostId } from '../faults/scope.js';
import { DEFAULT_HOSTS_PER_RACK } from './build.js';
import { didYouMean } from '../engine/did-you-mean.js';
import { toDistribution } from './distribution-build.js';
import type { DistributionSpec } from './distribution-schema.js';
import { MAX_TRACE_PROBLEMS, parseFailureTrace } from './faults-trace.js';
import type { Scenario } from './schema.js';

type Path = (string | number)[];

/** Hosts and racks of each zone, as the topology will lay them out. */
function zoneSizes(scenario: Scenario): Map<string, { hosts: number; racks: number }> {
  const sizes = new Map<string, { hosts: number; racks: number }>();
  for (const [name, z] of Object.entries(scenario.cloud.zones)) {
    sizes.set(name, { hosts: z.hosts, racks: Math.min(z.hosts, z.racks ?? Math.ceil(z.hosts / DEFAULT_HOSTS_PER_RACK)) });
  }
  return sizes;
}

function unknownZone(zone: string, known: readonly string[]): string {
  const guess = didYouMean(zone, known);
  return `unknown zone "${zone}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; known: ${known.join(', ')}`;
}

/** Why host `index` of `zone` does not exist, or undefined. */
function hostProblem(sizes: Map<string, { hosts: number }>, zone: string, index: number): string | undefined {
  const size = sizes.get(zone);
  if (size === undefined) return `host ${hostId(zone, index)}: ${unknownZone(zone, [...sizes.keys()])}`;
  if (index >= size.hosts) return `no host ${hostId(zone, index)}: zone ${zone} has ${size.hosts} host(s), ${hostId(zone, 0)} to ${hostId(zone, size.hosts - 1)}`;
  return undefined;
}

/**
 * Checks the faults section against the rest of the scenario, which its schema cannot see
 * (the zones, racks and hosts that outages and maintenance windows name exist; their times
 * lie within the run; no fault process cycles in 0 ms), and reads the failure trace through
 * `readText`, replacing its path by its rows. Each problem goes to `onError` with the path it concerns; a trace's messages
 * name the trace file and line.
 */
export function resolveFaults(scenario: Scenario, readText: (path: string) => string, onError: (path: Path, message: string) => void): void {
  const faults = scenario.faults;
  const sizes = zoneSizes(scenario);
  const zones = [...sizes.keys()];
  const checkScope = (w: { at: number; zone?: string | undefined; rack?: number | undefined; host?: string | undefined }, path: Path): void => {
    if (w.at > scenario.duration) onError([...path, 'at'], `at ${formatDuration(w.at)} is after the end of the run (duration ${formatDuration(scenario.duration)})`);
    if (w.host !== undefined) {
      const p = parseHostId(w.host);
      const why = p === undefined ? `"${w.host}" is not a host id like ${hostId(zones[0] ?? 'us-east-1a', 42)}` : hostProblem(sizes, p.zone, p.index);
      if (why !== undefined) onError([...path, 'host'], why);
      return;
    }
    if (w.zone === undefined) return;
    const size = sizes.get(w.zone);
    if (size === undefined) onError([...path, 'zone'], unknownZone(w.zone, zones));
    else if (w.rack !== undefined && w.rack >= size.racks) onError([...path, 'rack'], `zone ${w.zone} has ${size.racks} rack(s), numbered 0 to ${size.racks - 1}`);
  };
  // A renewal process whose cycles always last 0 ms would fail and recover forever at one instant.
  const checkCycle = (up: DistributionSpec, down: DistributionSpec, path: Path, names: string): void => {
    if (up.kind === 'empirical-csv' || down.kind === 'empirical-csv') return; // already reported
    if (toDistribution(up).mean + toDistribution(down).mean <= 0) onError(path, `${names} are both always 0: give one of them a positive duration`);
  };
  if (faults.hardware !== undefined) checkCycle(faults.hardware.ttf, faults.hardware.repair, ['faults', 'hardware'], 'ttf and repair');
  if (faults.rack_failures !== undefined) checkCycle(faults.rack_failures.every, faults.rack_failures.duration, ['faults', 'rack_failures'], 'every and duration');
  if (faults.power_outages !== undefined) checkCycle(faults.power_outages.every, faults.power_outages.duration, ['faults', 'power_outages'], 'every and duration');
  (faults.outages ?? []).forEach((o, i) => checkScope(o, ['faults', 'outages', i]));
  (faults.maintenance?.schedule ?? []).forEach((w, i) => checkScope(w, ['faults', 'maintenance', 'schedule', i]));

  const trace = faults.trace;
  if (trace?.kind !== 'failure-trace-csv') return;
  let text: string;
  try {
    text = readText(trace.path);
  } catch (e) {
    onError(['faults', 'trace'], (e as Error).message);
    return;
  }
  const parsed = parseFailureTrace(text, trace.path, (zone, index) => hostProblem(sizes, zone, index));
  const rows = parsed.rows;
  // As for a replayed query log: a row that starts after the end of the run is refused (one that ends after it is fine).
  const late = rows.filter((r) => r.startMs > scenario.duration).map((r) => `${trace.path}, line ${r.line}: start_s ${r.startMs / 1000} is after the end of the run (duration ${formatDuration(scenario.duration)}); remove the row or lengthen the run`);
  const problems = [...parsed.problems, ...late];
  for (const p of problems.slice(0, MAX_TRACE_PROBLEMS)) onError(['faults', 'trace'], p);
  if (problems.length > MAX_TRACE_PROBLEMS) onError(['faults', 'trace'], `${trace.path}: ${problems.length - MAX_TRACE_PROBLEMS} more problem(s) not shown`);
  if (problems.length === 0) faults.trace = { kind: 'failure-trace', path: trace.path, rows };
}
