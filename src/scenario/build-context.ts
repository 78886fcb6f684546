import type { EventBus, Simulation } from '../engine/index.js';
import type { Cloud } from '../cloud/cloud.js';
import type { Ec2Api } from '../cloud/ec2-api.js';
import type { Scenario } from './schema.js';
import type { WorldEvents } from './world-events.js';

/** What each layer's builder gets: the engine, the bus, the cloud and the scenario. */
export interface BuildContext {
  readonly sim: Simulation;
  readonly bus: EventBus<WorldEvents>;
  readonly cloud: Cloud;
  readonly api: Ec2Api;
  readonly scenario: Scenario;
}
