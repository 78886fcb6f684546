import type { EventBus } from '../engine/index.js';
import type { ApiEvents } from '../cloud/events.js';
import { TableBuilder, type Table } from './table.js';

/**
 * Records every EC2 API call of the actions timeline (actions.csv: time, command, status,
 * result) and the text the calls printed (console output, describe listings) as files.
 */
export class ActionsLog {
  readonly #table = new TableBuilder('actions', ['time_s', 'command', 'status', 'result']);
  readonly #files = new Map<string, string>();

  constructor(bus: EventBus<ApiEvents>) {
    bus.on('api.call', (e) => {
      this.#table.add([e.timeMs / 1000, e.command, e.status, e.result]);
      if (e.output !== undefined) this.#files.set(e.output.file, e.output.text);
    });
  }

  get table(): Table {
    return this.#table;
  }

  /** Files the calls printed, by relative path. */
  get files(): ReadonlyMap<string, string> {
    return this.#files;
  }

  /** Calls the API refused. */
  get refused(): number {
    return this.#table.rows.filter((r) => r[2] !== 'ok').length;
  }
}
