/** The examples and the exit status that `ephemera --help` and each command's `--help` show. */

/** Exit statuses, as every command returns them. */
export const EXIT_STATUS = [
  'Exit status:',
  '  0  success',
  '  1  failure: an unexpected error, or a file that could not be read or written',
  '  2  invalid input (nothing written): a scenario, --set, --vary, a results folder, the command line',
].join('\n');

type Examples = [string, string][];

/** Examples, by command (`$0` is the program's name); `top` for `ephemera --help`. */
export const EXAMPLES: Readonly<Record<'top' | 'run' | 'validate' | 'sweep' | 'merge' | 'compare' | 'report' | 'describe-metrics' | 'schema', Examples>> = {
  top: [
    ['$0 run scenarios/host-failures.yaml', 'run a scenario; results go to results/<name>/'],
    ['$0 validate scenarios/*.yaml', 'check scenario files without running them'],
    ['$0 sweep scenarios/host-failures.yaml --vary faults.hardware.repair.exponential.mean=2h,4h,8h -r 10', 'a parameter sweep: every value x 10 replications, on every core'],
    ['$0 merge r/s1 r/s2 r/s3 --out r/sweep', 'join the slices of a sweep run on a cluster'],
    ['$0 compare results/a results/b', 'difference of means with 95% CIs, per metric'],
    ['$0 report results/host-failures-sweep', 'write report.html with plots'],
    ['$0 describe-metrics summary', 'what each column of summary.csv means, with its unit'],
    ['$0 schema > scenario.schema.json', 'the JSON Schema of scenario files, for editors'],
    ['$0 COMMAND --help', 'a command\'s options and examples'],
  ],
  run: [
    ['$0 run scenarios/host-failures.yaml', 'run a scenario; results go to results/host-failures/'],
    ['$0 run scenarios/host-failures.yaml --seed 7 --replications 30 --out /tmp/r', 'another seed, more replications, another folder'],
    ['$0 run scenarios/aiderss.yaml --set dns.records.1.ttl=5m', 'override one value by its path (list items by index)'],
    ['$0 run scenarios/aiderss.yaml scenarios/mogulus.yaml --out results/both', 'several scenarios: results/both/aiderss/, results/both/mogulus/'],
  ],
  validate: [
    ['$0 validate scenarios/*.yaml', 'check every shipped scenario: "ok FILE (NAME)" or each problem with file:line:col and path'],
    ['$0 validate scenarios/host-failures.yaml --set faults.hardware.ttf.exponential.mean=60d', 'check a scenario with an override'],
  ],
  sweep: [
    ['$0 sweep scenarios/aiderss.yaml --vary dns.records.1.ttl=30s,60s,5m,1h,2h -r 30', '5 TTLs x 30 replications on every core -> results/aiderss-sweep/'],
    ['$0 sweep scenarios/host-failures.yaml --vary cloud.placement=first-fit,spread --vary faults.hardware.ttf.exponential.mean=30d,1y -r 5', 'a 2 x 2 grid'],
    ['$0 sweep S.yaml --vary PATH=A,B --shard 2/3 --out r/s2', 'the second of three slices of the jobs (for a cluster; then merge)'],
  ],
  merge: [
    ['$0 merge r/s1 r/s2 r/s3 --out r/sweep', 'join the shard folders of one sweep into the folder one machine would have written'],
    ['$0 merge results/ttl-sweep/shard-* --out results/ttl-sweep/all', 'every shard of a cluster run'],
  ],
  compare: [
    ['$0 compare results/a results/b', 'every summary metric: A\'s mean, B\'s mean, B - A with its 95% CI -> comparison.csv'],
    ['$0 compare results/a results/b -m outage_mean_s -m dns_queries_per_s --out diff.csv', 'two metrics only, to another file'],
  ],
  report: [
    ['$0 report results/aiderss-sweep', 'write results/aiderss-sweep/report.html'],
    ['$0 report results/aiderss --out aiderss.html --svg plots', 'another file name, and each plot as plots/<plot>.svg'],
  ],
  'describe-metrics': [
    ['$0 describe-metrics', 'every column of every results table: unit, kind (count, fraction, duration, ...) and meaning'],
    ['$0 describe-metrics summary timeseries', 'two tables only'],
    ['$0 describe-metrics --format json', 'the catalogue as JSON, for scripts'],
  ],
  schema: [
    ['$0 schema > scenario.schema.json', 'save it, then start a scenario file with: # yaml-language-server: $schema=scenario.schema.json'],
  ],
};
