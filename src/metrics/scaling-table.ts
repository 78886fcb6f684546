import type { EventBus } from '../engine/index.js';
import type { ScalingEvents } from '../elasticity/events.js';
import { TableBuilder, type Table } from './table.js';

/** scaling.csv: one row per scaling activity of every group, from the elasticity layer's events. */
export class ScalingTable {
  readonly #table = new TableBuilder('scaling', ['time_s', 'group', 'activity', 'cause', 'instance_id', 'status', 'desired_before', 'desired_after', 'reason']);

  constructor(bus: EventBus<ScalingEvents>) {
    bus.on('scaling.activity', (e) => {
      this.#table.add([e.timeMs / 1000, e.group, e.activity, e.cause, e.instanceId, e.status, e.desiredBefore, e.desiredAfter, e.reason]);
    });
  }

  get table(): Table {
    return this.#table;
  }
}
