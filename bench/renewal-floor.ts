/**
 * The floor under B2 (`run scenarios/host-failures.yaml -r 1`) as a whole process: Node
 * starting, the engine's modules loading (nothing else of ephemera), and B2's events alone:
 * `units` alternating renewal processes (up Exp(30 d), down Exp(4 h), each unit on its own
 * streams as RenewalFaults draws them) for `days`, through Simulation.scheduleWith and run. No
 * cloud, no fault ledger, no metrics, no files. Run as its own script by bench/cli-run.ts;
 * prints `@@{json}` on stderr.
 */
import { EntityStreams, Simulation } from '../src/engine/index.js';

const [unitsArg, daysArg] = process.argv.slice(2);
const units = Number(unitsArg ?? 10_000);
const endMs = Number(daysArg ?? 365) * 86_400_000;
const upMeanMs = 30 * 86_400_000;
const downMeanMs = 4 * 3_600_000;
const sim = new Simulation({ seed: 1 });
const family = sim.family('bench.floor');
const up = new EntityStreams(family, 0, units);
const down = new EntityStreams(family, 1, units);
let faults = 0;
// One function per kind of event, the unit's index as the event's argument, as RenewalFaults does.
const restart = (u: number): void => {
  sim.scheduleWith(-upMeanMs * Math.log(1 - up.rng(u)()), fail, u);
};
const fail = (u: number): void => {
  faults++;
  sim.scheduleWith(-downMeanMs * Math.log(1 - down.rng(u)()), restart, u);
};
for (let u = 0; u < units; u++) sim.scheduleWith(-upMeanMs * Math.log(1 - up.rng(u)()), fail, u);
const events = sim.run({ until: endMs }).events;
process.stderr.write(`\n@@${JSON.stringify({ maxRSS: process.resourceUsage().maxRSS, payload: { events, faults } })}\n`);
