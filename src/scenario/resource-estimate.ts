import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { Scenario } from './schema.js';
import type { Problem } from './scenario-error.js';

/**
 * Bytes one unit of each quantity costs in a replication, measured with Node 20 on the
 * shipped model (process.memoryUsage after build and run; see README, "Bounded
 * resources"): `heap` is V8's heap (limited by --max-old-space-size), `external` typed
 * arrays outside it. Round numbers above the measurements: an estimate must not refuse
 * what fits by much, nor accept what does not. Re-measure when the model's data layout changes.
 */
export const BYTES_PER = {
  /** A host (measured 333-375 B heap, 85 B external). */
  host: { heap: 400, external: 100 },
  /** An instance with its addresses, meters and log rows (measured 5.4-5.8 KB heap). */
  instance: { heap: 6_000, external: 0 },
  /**
   * A client in the sampled DNS model (clients laid out by resolver, typed arrays): 47.5 B
   * of resident memory per client measured between 1 and 8 million clients of the AideRSS
   * month; 8 million run in a 50 MB heap, so the heap share is a few bytes.
   */
  sampledClient: { heap: 4, external: 50 },
  /**
   * A client in per-request mode: its pending event and state (measured between 0.5 and 2
   * million clients: 154 B of live heap, 109 B external, 246 B resident).
   */
  perRequestClient: { heap: 200, external: 120 },
  /** A resolver's cache and population slots (measured 48 B external). */
  resolver: { heap: 0, external: 60 },
  /** A row of outages.csv in `outages: clients` mode, per client outage (at least one incident). */
  clientOutageRow: { heap: 250, external: 0 },
  /** A row of a replayed query log. */
  replayRow: { heap: 40, external: 0 },
  /** A backup to S3 kept for the bill (one per backup_every per instance that writes to disk). */
  backup: { heap: 100, external: 0 },
} as const;

/** The simulator itself, its modules and a small scenario. */
export const BASE_HEAP_BYTES = 40 * 1024 * 1024;

/** One quantity's share of the estimate, with where it is set and what would make it smaller. */
export interface EstimatePart {
  readonly path: readonly (string | number)[];
  readonly what: string;
  readonly count: number;
  readonly heap: number;
  readonly external: number;
  readonly remedy: string;
}

/** The memory one replication of a scenario needs, by quantity. */
export interface ResourceEstimate {
  readonly heap: number;
  readonly external: number;
  readonly parts: readonly EstimatePart[];
}

/** What a replication may use: V8's heap limit and all of memory (heap and typed arrays). */
export interface ResourceLimits {
  readonly heapBytes: number;
  readonly totalBytes: number;
}

/** This process's limits: its heap (aware of --max-old-space-size) and the machine's memory. */
export function processLimits(): ResourceLimits {
  return { heapBytes: getHeapStatistics().heap_size_limit, totalBytes: totalmem() };
}

/**
 * Estimates the memory of one replication of `scenario` from the quantities that grow it:
 * hosts over all zones, instances (the fleet and every ec2-run-instances), clients by DNS
 * mode, resolvers, replayed queries and per-client outage rows. The events of per-request
 * mode are not kept (each client holds one pending event), so they cost time, not memory.
 */
export function estimateResources(scenario: Scenario): ResourceEstimate {
  const parts: EstimatePart[] = [];
  const add = (path: readonly (string | number)[], what: string, count: number, per: { heap: number; external: number }, remedy: string): void => {
    if (count > 0) parts.push({ path, what, count, heap: count * per.heap, external: count * per.external, remedy });
  };
  const zones = Object.entries(scenario.cloud.zones);
  const hosts = zones.reduce((s, [, z]) => s + z.hosts, 0);
  const biggest = zones.reduce((a, b) => (b[1].hosts > a[1].hosts ? b : a), zones[0]!);
  add(['cloud', 'zones', biggest[0], 'hosts'], `hosts (${zones.length} zone(s))`, hosts, BYTES_PER.host, 'fewer hosts');
  let instances = 0;
  let where: (string | number)[] = ['fleet'];
  let most = -1;
  for (const [name, r] of Object.entries(scenario.fleet)) {
    instances += r.count;
    if (r.count > most) [most, where] = [r.count, ['fleet', name, 'count']];
  }
  scenario.actions.forEach((a, i) => {
    if (a.run.command.verb !== 'run-instances') return;
    instances += a.run.command.count;
    if (a.run.command.count > most) [most, where] = [a.run.command.count, ['actions', i, 'run']];
  });
  add(where, 'instances', instances, BYTES_PER.instance, 'fewer instances');
  let backups = 0;
  let backupRole: (string | number)[] = ['fleet'];
  for (const [name, r] of Object.entries(scenario.fleet)) {
    if (r.disk_write === undefined || r.backup_every === undefined || r.count === 0) continue;
    const n = r.count * Math.floor(scenario.duration / r.backup_every);
    if (n > backups) backupRole = ['fleet', name, 'backup_every'];
    backups += n;
  }
  add(backupRole, 'backups to S3', backups, BYTES_PER.backup, 'a longer backup_every');
  const dns = scenario.dns;
  if (dns !== undefined) {
    if (dns.replay !== undefined) {
      add(['dns', 'replay', 'csv'], 'replayed queries', dns.replay.timesMs.length, BYTES_PER.replayRow, 'a shorter query log');
      add(['dns', 'replay', 'csv'], 'resolvers', dns.replay.resolverCount, BYTES_PER.resolver, 'a shorter query log');
    } else {
      add(['dns', 'resolvers', 'count'], 'resolvers', dns.resolvers.count, BYTES_PER.resolver, 'fewer resolvers');
      const clients = scenario.clients?.count ?? 0;
      // With clients.sample only the sample is held (at most per_resolver clients of each resolver).
      const perResolver = scenario.clients?.sample?.per_resolver;
      const simulated = perResolver === undefined ? clients : Math.min(clients, perResolver * dns.resolvers.count);
      if (dns.mode === 'per-request') add(['clients', 'count'], 'clients in per-request mode', clients, BYTES_PER.perRequestClient, 'dns.mode: sampled, or fewer clients');
      else add(['clients', 'count'], perResolver === undefined ? 'clients' : 'sampled clients', simulated, BYTES_PER.sampledClient, perResolver === undefined ? 'fewer clients, or clients.sample' : 'a smaller clients.sample.per_resolver');
      if (dns.outages === 'clients') add(['dns', 'outages'], 'per-client outage rows (outages: clients)', clients, BYTES_PER.clientOutageRow, 'dns.outages: cdf (quantiles instead of one row per client)');
    }
  }
  return {
    heap: BASE_HEAP_BYTES + parts.reduce((s, p) => s + p.heap, 0),
    external: parts.reduce((s, p) => s + p.external, 0),
    parts,
  };
}

/** Bytes as `1.2 GB`. */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toPrecision(2)} ${units[u]}`;
}

/** `1,000,000` */
const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Refuses, before anything runs, a scenario whose replication will not fit: its estimated
 * heap above `limits.heapBytes` (V8's limit, raised by node --max-old-space-size) or heap
 * plus typed arrays above the machine's memory. The problem is reported at the quantity
 * that costs most, with the estimate, its parts and what to change.
 */
export function checkResources(scenario: Scenario, limits: ResourceLimits | undefined, onError: (path: (string | number)[], message: string) => void): void {
  const lim = limits ?? processLimits();
  const e = estimateResources(scenario);
  const total = e.heap + e.external;
  const overHeap = e.heap > lim.heapBytes;
  const overTotal = total > lim.totalBytes;
  if (!overHeap && !overTotal) return;
  const top = [...e.parts].sort((a, b) => (overHeap ? b.heap - a.heap : b.heap + b.external - a.heap - a.external))[0];
  const size = (p: EstimatePart): number => (overHeap ? p.heap : p.heap + p.external);
  const shares = [...e.parts].sort((a, b) => size(b) - size(a)).slice(0, 3)
    .map((p) => `${count(p.count)} ${p.what} ~${formatBytes(size(p))}`).join(', ');
  const limit = overHeap
    ? `more than the ${formatBytes(lim.heapBytes)} heap this Node.js process has (raise it with node --max-old-space-size=MB, e.g. NODE_OPTIONS=--max-old-space-size=${Math.ceil((e.heap * 1.2) / 2 ** 20)})`
    : `more than the ${formatBytes(lim.totalBytes)} of memory this machine has`;
  const remedy = top === undefined ? '' : `; to make it smaller: ${top.remedy}`;
  onError(top?.path ? [...top.path] : [], `one replication would need about ${formatBytes(overHeap ? e.heap : total)} of ${overHeap ? 'heap' : 'memory'} (${shares}), ${limit}${remedy}`);
}

/** What a worker process holds before its first replication: Node.js with ephemera loaded (about 60 MB resident, measured). */
export const WORKER_PROCESS_BYTES = 64 * 2 ** 20;

/**
 * Why `workers` processes holding one replication each of the heaviest of `scenarios`
 * would not fit in this machine's memory (a located problem naming `--workers`), or undefined.
 */
export function workersProblem(scenarios: readonly Scenario[], workers: number): Problem | undefined {
  if (workers <= 1 || scenarios.length === 0) return undefined;
  const need = WORKER_PROCESS_BYTES + Math.max(...scenarios.map((sc) => { const e = estimateResources(sc); return e.heap + e.external; }));
  const limits = processLimits();
  if (need * workers <= limits.totalBytes) return undefined;
  const fit = Math.max(1, Math.floor(limits.totalBytes / need));
  return { source: `--workers ${workers}`, path: '', message: `${workers} worker processes would each hold a replication of about ${formatBytes(need)}, ${formatBytes(need * workers)} in all, more than the ${formatBytes(limits.totalBytes)} of memory this machine has; use --workers ${fit}` };
}
