/** ephemera's library API: everything the CLI does, callable from code. */
export { Simulation, EventBus, RandomStreams, replicationSeed } from './engine/index.js';
export type { Action, EventHandle, RunOptions, RunStats, SimulationOptions, RandomStream } from './engine/index.js';
export { loadScenario, parseScenario, type LoadedScenario, type ParseOptions } from './scenario/loader.js';
export { ScenarioError, formatProblem, type Problem } from './scenario/scenario-error.js';
export { scenarioSchema, type Scenario, type ScenarioInput } from './scenario/schema.js';
export { build } from './scenario/build.js';
export type { World, ReplicationResult } from './scenario/world.js';
export { runScenario, type RunResult, type RunScenarioOptions } from './experiment/run-scenario.js';
export type { Table, Cell } from './metrics/table.js';
export { tableToCsv } from './output/csv.js';
export { formatNumber } from './output/number-format.js';
export { writeResults, type Manifest } from './output/results-writer.js';
