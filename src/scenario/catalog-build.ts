import { HOST_TYPES, INSTANCE_TYPES_2008, type HostType, type InstanceType } from '../cloud/catalog.js';
import { BUILTIN_IMAGES, type MachineImage } from '../cloud/images.js';
import { toDistribution } from './distribution-build.js';
import type { Scenario } from './schema.js';

/** Instance types: the 2008 catalog with the scenario's additions and overrides. */
export function instanceTypes(s: Scenario): Record<string, InstanceType> {
  const types: Record<string, InstanceType> = { ...INSTANCE_TYPES_2008 };
  for (const [name, t] of Object.entries(s.cloud.instance_types)) {
    types[name] = { name, memoryMb: t.memory, ecu: t.ecu, cores: t.cores, storageGb: t.storage, arch: t.arch };
  }
  return types;
}

/** Host types: the built-in `xen-2008` with the scenario's additions and overrides. */
export function hostTypes(s: Scenario): Record<string, HostType> {
  const types: Record<string, HostType> = { ...HOST_TYPES };
  for (const [name, t] of Object.entries(s.cloud.host_types)) {
    types[name] = { name, cores: t.cores, ecuPerCore: t.ecu_per_core, memoryMb: t.memory, storageGb: t.storage, dom0MemoryMb: t.dom0_memory, dom0Ecu: t.dom0_ecu, cpuOvercommit: t.cpu_overcommit };
  }
  return types;
}

/** Images: the built-in public ones with the scenario's declared images. */
export function images(s: Scenario): MachineImage[] {
  const out = new Map<string, MachineImage>(BUILTIN_IMAGES.map((i) => [i.id, i]));
  for (const [id, i] of Object.entries(s.images)) {
    out.set(id, { id, name: i.name, arch: i.arch, sizeBytes: i.size, visibility: i.visibility, ownLogin: i.own_login, ...(i.kernel_boot ? { kernelBoot: toDistribution(i.kernel_boot) } : {}) });
  }
  return [...out.values()];
}
