import type { Instance } from './instance.js';

/** ISO-8601 time of `ms` after the scenario's start (epoch ms), to the second, as EC2 printed it. */
export function isoTime(startEpochMs: number, ms: number): string {
  return new Date(startEpochMs + ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/**
 * What `ec2-describe-instances` printed in 2008: a RESERVATION line per reservation, then a
 * tab-separated INSTANCE line per instance (id, AMI, public DNS, private DNS, state, key,
 * launch index, product codes, type, launch time, zone).
 */
export function describeInstances(instances: readonly Instance[], startEpochMs: number, ownerId: string): string {
  const lines: string[] = [];
  let lastReservation = '';
  for (const i of instances) {
    if (i.reservationId !== lastReservation) {
      lines.push(['RESERVATION', i.reservationId, ownerId, i.spec.groups.join(',')].join('\t'));
      lastReservation = i.reservationId;
    }
    lines.push([
      // A terminated instance has no addresses any more: 2008's tools showed blank names.
      'INSTANCE', i.id, i.spec.image.id, i.state === 'terminated' ? '' : i.publicDns ?? '', i.state === 'terminated' ? '' : i.privateDns ?? '', i.state, i.spec.keyName ?? '',
      String(i.roleIndex), '', i.spec.type.name, isoTime(startEpochMs, i.launchedMs), i.spec.zone,
    ].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}
