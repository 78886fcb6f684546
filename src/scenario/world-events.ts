import type { ApiEvents, CloudEvents } from '../cloud/events.js';
import type { NetworkEvents } from '../network/events.js';
import type { FaultEvents } from '../faults/fault.js';
import type { ScalingEvents } from '../elasticity/events.js';

/**
 * Every domain event of a world: the bus is typed with all of them, and each layer's code
 * sees it as a bus of its own events. A layer that adds events adds its map here.
 */
export type WorldEvents = CloudEvents & ApiEvents & FaultEvents & NetworkEvents & ScalingEvents;
