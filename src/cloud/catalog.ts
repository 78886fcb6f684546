/** CPU architectures of AMIs and instance types. */
export type Arch = 'i386' | 'x86_64';

/** An instance type: what one virtual machine gets. */
export interface InstanceType {
  readonly name: string;
  /** Guest memory, MB (1 GB = 1024 MB, as EC2 quoted it). */
  readonly memoryMb: number;
  /** EC2 Compute Units; 1 ECU ~ a 1.0-1.2 GHz 2007 Opteron or Xeon. */
  readonly ecu: number;
  /** Virtual cores the ECUs are spread over. */
  readonly cores: number;
  /** Ephemeral instance store, GB. */
  readonly storageGb: number;
  /** The architecture its images must have. */
  readonly arch: Arch;
}

/** A physical host type: a Xen host with its dom0 reservation. */
export interface HostType {
  readonly name: string;
  readonly cores: number;
  readonly ecuPerCore: number;
  /** Physical memory, MB. */
  readonly memoryMb: number;
  /** Disk for instance stores, GB. */
  readonly storageGb: number;
  /** Memory dom0 (Xen's control domain) keeps for itself, MB. */
  readonly dom0MemoryMb: number;
  /** ECUs dom0 keeps for itself (network and disk back-ends). */
  readonly dom0Ecu: number;
  /** How many times its guest ECUs may be promised (1 = never overcommitted). */
  readonly cpuOvercommit: number;
}

/** The three types of 2008 (the seed article's list). */
export const INSTANCE_TYPES_2008: Readonly<Record<string, InstanceType>> = {
  'm1.small': { name: 'm1.small', memoryMb: 1740, ecu: 1, cores: 1, storageGb: 160, arch: 'i386' },
  'm1.large': { name: 'm1.large', memoryMb: 7680, ecu: 4, cores: 2, storageGb: 850, arch: 'x86_64' },
  'm1.xlarge': { name: 'm1.xlarge', memoryMb: 15360, ecu: 8, cores: 4, storageGb: 1690, arch: 'x86_64' },
};

/**
 * A 2008 Xen host as we assume it: two quad-core Opterons (2 ECU a core), 32 GB, four
 * 850 GB disks; dom0 keeps 1 GB and 1 ECU. It holds 17 m1.small by memory, 15 by CPU,
 * 21 by disk; or 3 m1.large; or 1 m1.xlarge plus change.
 */
export const HOST_TYPES: Readonly<Record<string, HostType>> = {
  'xen-2008': { name: 'xen-2008', cores: 8, ecuPerCore: 2, memoryMb: 32768, storageGb: 3400, dom0MemoryMb: 1024, dom0Ecu: 1, cpuOvercommit: 1 },
};

/** Capacity a host type offers its guests: memory (MB), CPU (milli-ECU, overcommit applied), disk (GB). */
export function guestCapacity(t: HostType): { memoryMb: number; milliEcu: number; diskGb: number } {
  return {
    memoryMb: t.memoryMb - t.dom0MemoryMb,
    milliEcu: Math.round((t.cores * t.ecuPerCore - t.dom0Ecu) * t.cpuOvercommit * 1000),
    diskGb: t.storageGb,
  };
}
