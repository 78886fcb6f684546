import type { EventBus } from '../engine/index.js';
import { FaultKind, type FaultEvents } from '../faults/fault.js';
import { BYTES_PER_GB, dataLostBytes } from './data-loss.js';
import { TableBuilder, type Table } from './table.js';

/** Columns of faults.csv (times in seconds from the start of the run, data in GB = 10^9 bytes). */
export const FAULT_COLUMNS = [
  'time_s', 'kind', 'scope', 'hosts', 'instances_killed', 'instances_migrated', 'data_lost_gb', 'duration_s',
  'migration_pause_s', 'migration_s',
] as const;

/** Which faults get a row: those that touched an instance (killed or moved one), or all. */
export type FaultRows = 'fleet' | 'all';

/** Totals over every fault of the run. */
export interface FaultTotals {
  /** Host hardware failures (from the failure process or a trace). */
  readonly host_failures: number;
  /** Live instances killed by any fault. */
  readonly instances_lost: number;
  /** Instances moved off a host by live migration. */
  readonly instances_migrated: number;
  /** Instance-store data lost with the killed instances, GB. */
  readonly data_lost_gb: number;
}

/**
 * Watches the faults layer and reports one row per fault (faults.csv: when, what kind,
 * which hosts, how many instances it killed or moved, how much unsaved data died with
 * them, how long it lasted; for live migration, the longest stop-and-copy pause and the
 * longest whole migration among the guests it moved, empty when it moved none) and the run's totals. Data loss is computed per killed
 * instance at the moment it died (see dataLostBytes).
 */
export class FaultsTable {
  readonly #table = new TableBuilder('faults', FAULT_COLUMNS);
  readonly #rows: FaultRows;
  #hostFailures = 0;
  #lost = 0;
  #migrated = 0;
  #lostBytes = 0;

  constructor(bus: EventBus<FaultEvents>, rows: FaultRows) {
    this.#rows = rows;
    bus.on('fault.started', (e) => {
      const f = e.fault;
      if (f.kind === FaultKind.HardwareFailure) this.#hostFailures++;
      let bytes = 0;
      for (const i of e.killed) bytes += dataLostBytes(i, e.timeMs);
      this.#lost += e.killed.length;
      this.#migrated += e.migrated.length;
      this.#lostBytes += bytes;
      if (this.#rows === 'all' || e.killed.length + e.migrated.length > 0) {
        let pauseMs: number | undefined;
        let totalMs: number | undefined;
        for (const i of e.migrated) {
          const m = i.lastMigration;
          if (m === undefined || m.atMs !== e.timeMs) continue;
          pauseMs = Math.max(pauseMs ?? 0, m.pauseMs);
          totalMs = Math.max(totalMs ?? 0, m.totalMs);
        }
        const s = (ms: number | undefined): number | null => (ms === undefined ? null : ms / 1000);
        this.#table.add([f.startMs / 1000, f.kind, f.scope, f.hosts.length, e.killed.length, e.migrated.length, bytes / BYTES_PER_GB, (f.endMs - f.startMs) / 1000, s(pauseMs), s(totalMs)]);
      }
    });
  }

  /** faults.csv. */
  get table(): Table {
    return this.#table;
  }

  /** Summary metrics. */
  totals(): FaultTotals {
    return { host_failures: this.#hostFailures, instances_lost: this.#lost, instances_migrated: this.#migrated, data_lost_gb: this.#lostBytes / BYTES_PER_GB };
  }
}
