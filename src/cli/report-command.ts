import { writeReport } from '../index.js';

export interface ReportArgs {
  readonly dir: string;
  readonly out?: string | undefined;
  /** Also write each plot as an SVG file into this folder. */
  readonly svg?: string | undefined;
  readonly quiet: boolean;
}

/** `ephemera report`: writes report.html; throws ResultsError (exit 2) when the folder holds no results. */
export async function reportCommand(args: ReportArgs): Promise<number> {
  const { path, outline } = await writeReport(args.dir, args.out, args.svg !== undefined ? { svgDir: args.svg } : {});
  if (!args.quiet) {
    process.stdout.write(`${path}: ${outline.shown.length} plot(s) (${outline.shown.join(', ') || 'none'})${args.svg !== undefined ? `, also as SVG files in ${args.svg}/` : ''}\n`);
    for (const m of outline.missing) process.stdout.write(`  not shown: ${m.id}: ${m.reason}\n`);
  }
  return 0;
}
