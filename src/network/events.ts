import type { Instance } from '../cloud/instance.js';
import type { LoginAccess } from '../cloud/key-pairs.js';
import type { AddressKind, HeldBy } from './address-ledger.js';
import type { FlowOutcome } from './reachability.js';

/** An address changing hands: `holder` took it (assigned) or let it go (released). */
export interface AddressEvent {
  readonly timeMs: number;
  /** The address as a 32-bit number. */
  readonly address: number;
  /** Dotted quad (formatted when first read). */
  readonly ip: string;
  readonly kind: AddressKind;
  readonly holder: HeldBy;
}

/** One elastic IP, `@eip.<index>`, by its address. */
export interface ElasticIpEvent {
  readonly timeMs: number;
  readonly ip: string;
  readonly index: number;
}

/** Why an elastic IP stopped pointing at an instance. */
export type UnmapReason = 'request' | 'remapped' | 'replaced' | 'instance-terminated' | 'released';

/** Domain events of the network layer; metrics and billing subscribe to them. */
export interface NetworkEvents {
  /** Every change of hands, other customers' included. */
  'address.assigned': AddressEvent;
  'address.released': AddressEvent;
  /** A pool had no address for a launching instance: it runs without one (see Network). */
  'address.exhausted': { readonly timeMs: number; readonly instance: Instance; readonly pool: 'private' | 'public'; readonly message: string };
  /** ec2-allocate-address succeeded. Billing: an idle elastic IP is charged from here. */
  'eip.allocated': ElasticIpEvent;
  /** ec2-associate-address (or a recovery remap) was accepted; it takes effect at `effectiveMs`. Billing counts remaps here. */
  'eip.remap-requested': ElasticIpEvent & { readonly instance: Instance; readonly effectiveMs: number };
  /** The mapping is in force: traffic to the address reaches `instance`. */
  'eip.associated': ElasticIpEvent & { readonly instance: Instance; readonly requestedMs: number };
  /** A requested remap did not take effect (its instance went away first). */
  'eip.remap-dropped': ElasticIpEvent & { readonly instance: Instance; readonly reason: string };
  /** The mapping to `instance` ended. */
  'eip.disassociated': ElasticIpEvent & { readonly instance: Instance; readonly reason: UnmapReason };
  /** ec2-release-address: the address went back to the provider's pool. */
  'eip.released': ElasticIpEvent;
  /** A probe declared in the scenario tried a flow; one event per target instance (or one when none). */
  'flow.probed': {
    readonly timeMs: number; readonly probe: number; readonly from: string; readonly to: string; readonly protocol: string; readonly port: number; readonly outcome: FlowOutcome;
    /** For a tcp/22 probe: whether root could log in (a key the account holds, or the image's own login). */
    readonly login?: LoginAccess;
  };
}
