export { Simulation, type Action, type ArgAction, type EventHandle, type RunOptions, type RunStats, type SimulationOptions } from './simulation.js';
export { RandomStreams, replicationSeed, type RandomStream } from './random-streams.js';
export { EntityStreams, StreamFamily, philox4x32, type UniformStream } from './counter-random.js';
export { EventBus } from './event-bus.js';
export { sampleBeta, sampleBinomial, sampleGamma, samplePoisson, sampleTruncatedPoisson } from './samplers.js';
export { EventQueue, MAX_PENDING } from './event-queue.js';
export { InvalidTransitionError, transition, type Transitions } from './lifecycle.js';
export type { Distribution, Rng } from './distributions.js';
export { parseDurationMs, parseSizeBytes, parseRate, formatDuration, UnitError, type Rate } from './units.js';
