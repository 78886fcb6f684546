import type { Instance } from './instance.js';

const stamp = (ms: number): string => `[${(ms / 1000).toFixed(6).padStart(12)}]`;

/** What the image's boot script says about root's SSH key (fetched from the instance metadata). */
function sshLine(instance: Instance): string {
  const key = instance.spec.keyName;
  if (key !== undefined && instance.keyFingerprint !== undefined) {
    return `sshd: public key '${key}' (fingerprint ${instance.keyFingerprint}) installed for root in /root/.ssh/authorized_keys`;
  }
  return instance.spec.image.ownLogin === true
    ? `sshd: no public key in the instance metadata; the image's own logins apply`
    : `sshd: no public key in the instance metadata; nothing installed for root`;
}

/**
 * The boot log an instance's console shows (what `ec2-get-console-output` returns):
 * a few deterministic lines shaped like a 2008 Xen guest kernel's, with the instance's own
 * memory, disks and identity. `kernelMs` is how long the kernel and init took.
 */
export function bootLog(instance: Instance, kernelMs: number, reboot: boolean): string[] {
  const t = instance.spec.type;
  const memHex = (t.memoryMb * 1024 * 1024).toString(16).padStart(16, '0');
  const bits = t.arch === 'i386' ? 'i686' : 'x86_64';
  const storeBlocks = t.storageGb * 1_000_000_000 / 1024;
  return [
    `${stamp(0)} Linux version 2.6.16-xenU (builder@xenbat.amazonsa) (gcc version 4.0.1 20050727 (Red Hat 4.0.1-5)) #1 SMP ${bits}`,
    `${stamp(0)} BIOS-provided physical RAM map:`,
    `${stamp(0)}  Xen: 0000000000000000 - ${memHex} (usable)`,
    `${stamp(0)} Kernel command line: root=/dev/sda1 ro 4`,
    `${stamp(kernelMs * 0.1)} sda1: 1639424 blocks; sda2: ${Math.round(storeBlocks)} blocks; sda3: 917504 blocks`,
    `${stamp(kernelMs * 0.4)} EXT3-fs: mounted filesystem /dev/sda2 on /mnt${reboot ? ' (kept across reboot)' : ''}`,
    `${stamp(kernelMs * 0.9)} eth0: ${instance.privateIp ?? 'no address'}; ${sshLine(instance)}`,
    `${stamp(kernelMs)} ${instance.spec.image.name} (${instance.spec.image.id}) ${reboot ? 'rebooted' : 'booted'}: ${instance.id} ${t.name} ${instance.spec.zone}`,
  ];
}
