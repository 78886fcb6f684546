import type { EventBus } from '../engine/index.js';
import type { NetworkEvents } from '../network/events.js';
import { TableBuilder, type Table } from './table.js';

/** Columns of flows.csv (time in seconds from the start of the run). */
export const FLOW_COLUMNS = ['time_s', 'probe', 'from', 'to', 'protocol', 'port', 'instance_id', 'address', 'outcome', 'reason', 'login', 'detail'] as const;

/**
 * Records every probe outcome (flows.csv): one row per probe firing and target instance,
 * `allowed` or `refused` with the reason (no-instance, other-tenant, not-running,
 * no-address, no-source, private-address, protocol, security-group); for tcp/22, `login` says
 * whether root could log in (`yes`, `no`; empty for other probes), with the why in `detail`.
 */
export class FlowsTable {
  readonly #table = new TableBuilder('flows', FLOW_COLUMNS);

  constructor(bus: EventBus<NetworkEvents>) {
    bus.on('flow.probed', (e) => {
      const o = e.outcome;
      const login = e.login === undefined ? null : e.login.possible ? 'yes' : 'no';
      const detail = e.login === undefined || !o.allowed ? o.detail : `${o.detail}; ${e.login.possible ? 'login' : 'no login'}: ${e.login.detail}`;
      this.#table.add([e.timeMs / 1000, e.probe, e.from, e.to, e.protocol, e.port, o.instance?.id ?? null, o.address ?? null, o.allowed ? 'allowed' : 'refused', o.reason, login, detail]);
    });
  }

  get table(): Table {
    return this.#table;
  }
}
