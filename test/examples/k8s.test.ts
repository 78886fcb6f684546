import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { planSweep } from '../../src/experiment/sweep-plan.js';

// The Kubernetes example (examples/k8s/) against the published batch/v1 and core/v1 schemas
// (kubernetes-models, generated from Kubernetes' OpenAPI), against the same models' types for
// unknown fields (the OpenAPI schemas allow any; a typo would pass them), and against itself:
// the counts, paths, volume and image that the manifests must agree on.
const DIR = 'examples/k8s';
type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };
const manifests: { file: string; doc: Manifest }[] = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort().flatMap((file) =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => ({ file, doc: d.toJS() as Manifest })));
const MODELS: Record<string, { model: new (data: never) => { validate(): void }; type: string; from: string }> = {
  'batch/v1 Job': { model: Job as never, type: 'IJob', from: 'kubernetes-models/batch/v1/Job' },
  'v1 PersistentVolumeClaim': { model: PersistentVolumeClaim as never, type: 'IPersistentVolumeClaim', from: 'kubernetes-models/v1/PersistentVolumeClaim' },
};
const byName = (name: string): Manifest => manifests.find((m) => m.doc.metadata.name === name)!.doc;
interface PodSpec {
  containers: { image: string; args: string[]; env?: { name: string; value: string }[]; volumeMounts: { name: string; mountPath: string }[] }[];
  volumes: { name: string; persistentVolumeClaim: { claimName: string } }[];
}
const podOf = (job: Manifest): PodSpec => ((job['spec'] as { template: { spec: PodSpec } }).template.spec);

describe('the Kubernetes example', () => {
  it('has the volume claim, the sweep and the merge', () => {
    expect(manifests.map((m) => `${m.file}: ${m.doc.apiVersion} ${m.doc.kind} ${m.doc.metadata.name}`)).toEqual([
      'merge-job.yaml: batch/v1 Job ephemera-ttl-merge',
      'results-pvc.yaml: v1 PersistentVolumeClaim ephemera-results',
      'sweep-job.yaml: batch/v1 Job ephemera-ttl-sweep',
    ]);
  });

  for (const { file, doc } of manifests) {
    it(`${file} is valid ${doc.apiVersion} ${doc.kind}`, () => {
      const m = MODELS[`${doc.apiVersion} ${doc.kind}`];
      expect(m, `${doc.apiVersion} ${doc.kind}`).toBeDefined();
      expect(() => new m!.model(doc as never).validate()).not.toThrow();
    });
  }

  it('the schemas catch a mistake (so the checks above could fail)', () => {
    const sweep = byName('ephemera-ttl-sweep');
    const spec = sweep['spec'] as Record<string, unknown>;
    expect(() => new Job({ ...sweep, spec: { ...spec, completions: '10' } } as never).validate()).toThrow('completions must be integer');
    expect(() => new Job({ ...sweep, spec: { ...spec, completionMode: 'indexed' } } as never).validate()).toThrow('must be equal to one of the allowed values');
  });

  it('has no field the Kubernetes types do not know (strict TypeScript, excess property checks)', () => {
    const work = mkdtempSync(join(tmpdir(), 'ephemera-k8s-'));
    try {
      symlinkSync(resolve('node_modules'), join(work, 'node_modules'), 'dir');
      const imports = [...new Set(manifests.map((m) => MODELS[`${m.doc.apiVersion} ${m.doc.kind}`]!))].map((m) => `import type { ${m.type} } from '${m.from}';`);
      const consts = manifests.map((m, i) => `// ${m.file}\nexport const m${i}: ${MODELS[`${m.doc.apiVersion} ${m.doc.kind}`]!.type} = ${JSON.stringify(m.doc, null, 2)};`);
      writeFileSync(join(work, 'manifests.ts'), `${[...imports, ...consts].join('\n')}\n`);
      writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, types: [] }, files: ['manifests.ts'] }));
      const r = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', work], { encoding: 'utf8' });
      expect(`${r.stdout}${r.stderr}`).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('the manifests agree: shard count, folders, volume, image; the sweep itself is valid', () => {
    const sweep = byName('ephemera-ttl-sweep');
    const merge = byName('ephemera-ttl-merge');
    const pvc = byName('ephemera-results');
    const spec = sweep['spec'] as { completions: number; parallelism: number; completionMode: string };
    const container = podOf(sweep).containers[0]!;
    expect(spec.completionMode).toBe('Indexed');
    expect(container.env?.find((e) => e.name === 'EPHEMERA_SHARD_COUNT')?.value).toBe(String(spec.completions));
    const sweepArgs = container.args.join(' ');
    expect(sweepArgs).toContain('--out /results/ttl-sweep/shard-$((JOB_COMPLETION_INDEX + 1))-of-$EPHEMERA_SHARD_COUNT');
    expect(podOf(merge).containers[0]!.args.join(' ')).toContain(`ephemera merge /results/ttl-sweep/shard-*-of-${spec.completions} --out /results/ttl-sweep/all`);
    for (const job of [sweep, merge]) {
      expect(podOf(job).volumes[0]!.persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
      expect(podOf(job).containers[0]!.volumeMounts[0]).toEqual({ name: podOf(job).volumes[0]!.name, mountPath: '/results' });
      expect(podOf(job).containers[0]!.image).toBe(container.image);
    }
    expect((pvc['spec'] as { accessModes: string[] }).accessModes).toEqual(['ReadWriteMany']);
    // The sweep's scenario and values, as ephemera would plan them (every point validated).
    const words = sweepArgs.split(/\s+/);
    const at = (flag: string): string => words[words.indexOf(flag) + 1]!;
    expect(words.slice(0, 3)).toEqual(['exec', 'ephemera', 'sweep']);
    const plan = planSweep({ scenario: words[3]!, vary: [at('--vary')], set: [], replications: Number(at('--replications')) });
    expect(plan.points.length * plan.replications).toBeGreaterThanOrEqual(spec.completions);
    expect(readFileSync('Dockerfile', 'utf8')).toContain('WORKDIR /usr/local/lib/node_modules/ephemera');
  });
});
