import { scenarioJsonSchema } from '../index.js';

/** `ephemera schema`: prints the JSON Schema of scenario files to stdout; exit status 0. */
export function schemaCommand(): number {
  process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  return 0;
}
