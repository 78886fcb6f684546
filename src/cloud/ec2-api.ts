import type { InstanceType } from './catalog.js';
import type { Cloud } from './cloud.js';
import type { InstanceRef } from './ec2-command-types.js';
import { Ec2ApiError, type ImageRegistry } from './images.js';
import { KeyPairs } from './key-pairs.js';
import type { CpuDemand, Instance } from './instance.js';
import { resolveUserData } from './user-data.js';

/** An `ec2-run-instances` request, plus the role the instances play in the scenario. */
export interface RunRequest {
  readonly image: string;
  readonly count: number;
  readonly type: string;
  readonly groups: readonly string[];
  readonly key?: string | undefined;
  readonly zone?: string | undefined;
  readonly userData?: string | undefined;
  /** Role name for references (`@web.0`, `${web.private_ip}`) and spreading. */
  readonly role: string;
  readonly cpu?: CpuDemand | undefined;
  /** Memory the workload dirties, bytes per ms (live migration). */
  readonly dirtyBytesPerMs?: number | undefined;
  readonly diskWriteBytesPerMs?: number | undefined;
  readonly backupEveryMs?: number | undefined;
}

/** What `runInstances` did: the reservation, the instances started, the ones refused. */
export interface RunOutcome {
  readonly reservationId: string;
  readonly instances: readonly Instance[];
  /** One entry per instance the cloud could not place (e.g. InsufficientInstanceCapacity). */
  readonly failures: readonly string[];
}

const hex8 = (rng: () => number): string => Math.floor(rng() * 0x1_0000_0000).toString(16).padStart(8, '0');

/**
 * EC2's API as the 2008 command-line tools used it. Ids (`i-8fad57e6`, `r-1a2b3c4d`) come
 * from the seeded `cloud.ids` stream, so they are the same every run. Each instance of a
 * request is placed on its own: with -n 10 and room for 7, seven start and three are
 * refused with InsufficientInstanceCapacity.
 */
export class Ec2Api {
  readonly cloud: Cloud;
  /** The account's SSH key pairs (ec2-add-keypair, ec2-delete-keypair; `-k` must name one). */
  readonly keyPairs: KeyPairs;
  readonly #images: ImageRegistry;
  readonly #types: Readonly<Record<string, InstanceType>>;
  readonly #ids = new Set<string>();
  readonly #idRng: () => number;
  readonly #launches: Instance[] = [];
  readonly #byId = new Map<string, Instance>();
  readonly #byRole = new Map<string, Instance[]>();
  #zoneCursor = 0;

  constructor(cloud: Cloud, images: ImageRegistry, types: Readonly<Record<string, InstanceType>>) {
    this.cloud = cloud;
    this.#images = images;
    this.#types = types;
    this.#idRng = cloud.sim.random('cloud.ids');
    this.keyPairs = new KeyPairs(cloud.sim.random('cloud.keys'));
  }

  /** Every instance launched so far, in launch order. */
  get launches(): readonly Instance[] {
    return this.#launches;
  }

  /** The role's instances in launch order (live and dead). */
  roleInstances(role: string): readonly Instance[] {
    return this.#byRole.get(role) ?? [];
  }

  /** The role's oldest live instance (what `${role.field}` reads), or undefined. */
  liveInstance(role: string): Instance | undefined {
    return this.#byRole.get(role)?.find((i) => i.alive);
  }

  /**
   * Launches `count` instances. Throws Ec2ApiError for a request EC2 would refuse outright
   * (unknown AMI, type or zone; architecture mismatch; a key pair the account does not hold,
   * InvalidKeyPair.NotFound). Each instance gets the key's fingerprint installed at boot.
   */
  runInstances(req: RunRequest): RunOutcome {
    const image = this.#images.get(req.image);
    const type = this.#types[req.type];
    if (type === undefined) throw new Ec2ApiError('InvalidParameterValue', `unknown instance type '${req.type}'; known: ${Object.keys(this.#types).join(', ')}`);
    this.#images.checkArch(image, type.name, type.arch);
    if (req.zone !== undefined && this.cloud.zone(req.zone) === undefined) {
      throw new Ec2ApiError('InvalidZone.NotFound', `no availability zone '${req.zone}'; known: ${this.cloud.zones.map((z) => z.name).join(', ')}`);
    }
    const key = req.key === undefined ? undefined : this.keyPairs.require(req.key);
    const reservationId = `r-${this.#newId()}`;
    const instances: Instance[] = [];
    const failures: string[] = [];
    for (let k = 0; k < req.count; k++) {
      const zone = req.zone ?? this.#nextZone();
      const roleList = this.#byRole.get(req.role) ?? [];
      const result = this.cloud.launch(
        { role: req.role, image, type, zone, keyName: req.key, groups: req.groups, userData: req.userData, cpu: req.cpu, dirtyBytesPerMs: req.dirtyBytesPerMs, diskWriteBytesPerMs: req.diskWriteBytesPerMs, backupEveryMs: req.backupEveryMs },
        { id: `i-${this.#newId()}`, reservationId, roleIndex: roleList.length, launchOrder: this.#launches.length + 1 },
      );
      if (typeof result === 'string') {
        failures.push(result);
        continue;
      }
      result.keyFingerprint = key?.fingerprint;
      if (req.userData !== undefined) {
        // Resolved once the instance exists (and has its addresses): references read the
        // named role's oldest live instance at this moment.
        const r = resolveUserData(req.userData, (role) => this.liveInstance(role));
        result.userData = r.text;
        result.userDataRefs.push(...r.refs);
        for (const ref of r.refs) ref.dependents.push(result);
        if (r.missing) result.staleSinceMs = this.cloud.sim.now;
      }
      instances.push(result);
      this.#launches.push(result);
      this.#byId.set(result.id, result);
      roleList.push(result);
      this.#byRole.set(req.role, roleList);
    }
    return { reservationId, instances, failures };
  }

  /** The instance a reference names; throws Ec2ApiError InvalidInstanceID.NotFound. */
  instance(ref: InstanceRef): Instance {
    let inst: Instance | undefined;
    switch (ref.kind) {
      case 'id': inst = this.#byId.get(ref.id); break;
      case 'launch': inst = this.#launches[ref.n - 1]; break;
      case 'last': inst = this.#launches[this.#launches.length - 1]; break;
      case 'role': inst = this.#byRole.get(ref.role)?.[ref.index]; break;
    }
    if (inst === undefined) {
      const text = ref.kind === 'id' ? ref.id : ref.kind === 'launch' ? `@${ref.n}` : ref.kind === 'last' ? '@last' : `@${ref.role}.${ref.index}`;
      throw new Ec2ApiError('InvalidInstanceID.NotFound', `no instance ${text} has been launched`);
    }
    return inst;
  }

  /** Terminates instances (already terminated ones are left alone, as EC2 did). */
  terminateInstances(instances: readonly Instance[]): void {
    for (const i of instances) this.cloud.terminate(i);
  }

  /** Reboots instances; throws IncorrectInstanceState for one that is not running. */
  rebootInstances(instances: readonly Instance[]): void {
    const bad = instances.find((i) => i.state !== 'running');
    if (bad !== undefined) throw new Ec2ApiError('IncorrectInstanceState', `instance ${bad.id} is ${bad.state}, not running`);
    for (const i of instances) this.cloud.reboot(i);
  }

  /** The console text `ec2-get-console-output` prints. */
  consoleOutput(inst: Instance): string {
    return `${inst.id}\n${inst.console.join('\n')}\n`;
  }

  #nextZone(): string {
    const zones = this.cloud.zones;
    const z = zones[this.#zoneCursor % zones.length]!;
    this.#zoneCursor++;
    return z.name;
  }

  #newId(): string {
    for (;;) {
      const id = hex8(this.#idRng);
      if (!this.#ids.has(id)) {
        this.#ids.add(id);
        return id;
      }
    }
  }
}
