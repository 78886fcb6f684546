/**
 * The JSON Schema of scenario files, made from the zod schema (the input side: what a file
 * may say before defaults and unit normalisation), so editors can complete and check
 * scenarios and the two cannot drift apart. What zod's refinements check (references
 * between sections, ranges that depend on other values) stays with `ephemera validate`:
 * a file the JSON Schema accepts may still be refused, with a located message.
 */
import * as z from 'zod';
import { scenarioObject } from './schema.js';
import { jsonStandIn } from './json-stand-ins.js';

/** A JSON Schema document (draft 2020-12), as plain JSON data. */
export type JsonSchema = { [key: string]: unknown };

/** Descriptions of the top-level keys (the sections' own keys carry their units). */
const TOP_LEVEL: Readonly<Record<string, string>> = {
  name: 'Names the scenario and its default results folder, results/<name>/: letters, digits, dots, dashes and underscores.',
  description: 'Free text.',
  duration: 'Simulated time of one replication.',
  start: 'Calendar start of the run, UTC, as a date (2008-04-01, the default) or a date and time (2008-04-01T12:00:00Z): EC2 launch times and billing months.',
  seed: 'Base seed (default 1); replication i runs with a seed derived from (seed, i).',
  replications: 'Number of replications (default 1).',
  cloud: 'Availability zones and their hosts, placement, host and instance types, boot and shutdown times, the address plane.',
  faults: 'Hardware failures, maintenance, correlated outages (rack, zone, power) and failure traces.',
  images: 'AMIs, by id (ami- and 8 hex digits), added to the built-in ones.',
  fleet: 'Roles launched at time 0, by name.',
  actions: 'The EC2 command-line tools, replayed at their `at` times.',
  probes: 'Connection attempts checked against addresses and security groups.',
  traffic: 'Traffic to and from the Internet, for billing.',
  dns: 'Authoritative records, resolvers and their caches.',
  clients: 'Client population: how often clients request, how long they pin an answer, failover.',
  recovery: 'Health checks and the automation that replaces a dead front end and updates DNS or an elastic IP, and replaces other roles a fault kills.',
  demand: 'The request rate over time: a base rate (or a trace of counts per interval), a daily profile per weekday, flash crowds, noise.',
  service: 'The request path through the roles behind the front end, each role\'s capacity, timeouts, health checks of backends, the SLA thresholds.',
  autoscaling: 'Fleet roles run as auto scaling groups: bounds, zones, health checks, cooldown, warm-up, termination policy, scaling policies.',
  pricing: 'A built-in price catalog (ec2-2008, ec2-2008-04, ec2-2008-11) or a path to one.',
  colocation: 'The colocation cost model to compare the EC2 bill with.',
};

/**
 * zod's JSON Schema of `schema`'s input, each stand-in replaced by a reference to its
 * definition, which is added to `defs` (made once, recursively).
 */
function toJsonSchema(schema: z.ZodType, defs: Map<string, JsonSchema>): JsonSchema {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const standIn = jsonStandIn(ctx.zodSchema);
      if (standIn === undefined) return;
      if (!defs.has(standIn.name)) {
        defs.set(standIn.name, {}); // reserved first: a definition may refer to itself
        const { $schema: _, ...definition } = toJsonSchema(standIn.schema, defs);
        defs.set(standIn.name, definition);
      }
      const json = ctx.jsonSchema as JsonSchema;
      for (const key of Object.keys(json)) delete json[key];
      json['$ref'] = `#/$defs/${standIn.name}`;
    },
  }) as JsonSchema;
}

/**
 * The JSON Schema (draft 2020-12) of a scenario file, as `ephemera schema` prints it and
 * the package ships it (scenario.schema.json). Values with units are strings with a
 * pattern and a description of the units (or the number 0); every object is closed
 * (`additionalProperties: false`), as the loader refuses unknown keys.
 */
export function scenarioJsonSchema(): JsonSchema {
  const defs = new Map<string, JsonSchema>();
  const schema = toJsonSchema(scenarioObject, defs);
  const properties = schema['properties'] as Record<string, JsonSchema>;
  // The start date: text in a file (zod also takes a Date, which JSON cannot hold).
  properties['start'] = { type: 'string', pattern: String.raw`^\d{4}-\d{2}-\d{2}(T.+)?$`, examples: ['2008-04-01', '2008-04-01T12:00:00Z'] };
  for (const [key, description] of Object.entries(TOP_LEVEL)) {
    const p = properties[key];
    if (p !== undefined) properties[key] = { ...p, description: typeof p['description'] === 'string' ? `${description} ${p['description']}` : description };
  }
  return {
    $schema: schema['$schema'],
    title: 'ephemera scenario',
    description: 'A scenario file of ephemera, a discrete-event simulator of a 2008 EC2-style cloud. Check one with `ephemera validate FILE`; print this schema with `ephemera schema`.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
    $defs: Object.fromEntries([...defs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}
