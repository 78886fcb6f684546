import { Ec2ApiError } from './images.js';
import type { Instance } from './instance.js';

/** One key pair the account holds: EC2 keeps the public half, the user the private one. */
export interface KeyPair {
  readonly name: string;
  /**
   * What `ec2-add-keypair` printed beside the name: 20 bytes in colon-separated hex, the form of
   * the SHA-1 fingerprint EC2 showed for the keys it generated (drawn from a seeded stream here:
   * no key material is simulated).
   */
  readonly fingerprint: string;
  /** When it was created, ms (0 for a key the account held before the run). */
  readonly createdMs: number;
}

/** Whether root can log in to an instance over SSH, and why (or why not), in one line. */
export interface LoginAccess {
  readonly possible: boolean;
  readonly detail: string;
}

/**
 * The account's SSH key pairs (`ec2-add-keypair`, `ec2-delete-keypair`): names and
 * fingerprints. An instance launched with `-k NAME` gets that key's public half installed for
 * root at boot (the seed article: "the public portion of this SSH key is installed as the user
 * key for the root user"); a launch naming a key the account does not hold is refused with
 * InvalidKeyPair.NotFound. Fingerprints come from `rng` (the `cloud.keys` stream).
 */
export class KeyPairs {
  readonly #pairs = new Map<string, KeyPair>();
  readonly #rng: () => number;

  constructor(rng: () => number) {
    this.#rng = rng;
  }

  /** ec2-add-keypair: creates `name`. @throws Ec2ApiError InvalidKeyPair.Duplicate when the account holds it already. */
  add(name: string, nowMs: number): KeyPair {
    if (this.#pairs.has(name)) throw new Ec2ApiError('InvalidKeyPair.Duplicate', `The key pair '${name}' already exists`);
    const pair: KeyPair = { name, fingerprint: fingerprint(this.#rng), createdMs: nowMs };
    this.#pairs.set(name, pair);
    return pair;
  }

  /** ec2-delete-keypair: forgets `name`; false when the account held no such key (EC2 accepted that call too). */
  delete(name: string): boolean {
    return this.#pairs.delete(name);
  }

  /** The key pair `name`, or undefined. */
  get(name: string): KeyPair | undefined {
    return this.#pairs.get(name);
  }

  /** The key pair `name`. @throws Ec2ApiError InvalidKeyPair.NotFound */
  require(name: string): KeyPair {
    const pair = this.#pairs.get(name);
    if (pair === undefined) {
      const held = [...this.#pairs.keys()];
      throw new Ec2ApiError('InvalidKeyPair.NotFound', `The key pair '${name}' does not exist (the account holds ${held.length === 0 ? 'none: create one with ec2-add-keypair' : held.join(', ')})`);
    }
    return pair;
  }

  /** Names of the key pairs held now, in creation order. */
  names(): string[] {
    return [...this.#pairs.keys()];
  }
}

/** 20 random bytes as `1f:51:ae:...`. */
function fingerprint(rng: () => number): string {
  const bytes: string[] = [];
  for (let i = 0; i < 20; i++) bytes.push(Math.floor(rng() * 256).toString(16).padStart(2, '0'));
  return bytes.join(':');
}

/**
 * Whether the account can log in to `inst` as root over SSH once the flow to tcp/22 gets
 * through: when the image has a login of its own (an image property: a private image built
 * with its own users or keys), or when the instance was launched with a key pair the account
 * still holds (same name and fingerprint: ephemera takes `ec2-delete-keypair` to mean the
 * private half is given up too, as when rotating a leaked key; a re-created key of the same
 * name has a new fingerprint and does not open instances launched with the old one).
 */
export function loginAccess(inst: Instance, keys: KeyPairs): LoginAccess {
  const image = inst.spec.image;
  if (image.ownLogin === true) return { possible: true, detail: `image ${image.name} (${image.id}) has its own login` };
  const name = inst.spec.keyName;
  if (name === undefined || inst.keyFingerprint === undefined) {
    return { possible: false, detail: `${inst.id} was launched without a key (-k) and image ${image.name} has no login of its own` };
  }
  const held = keys.get(name);
  if (held?.fingerprint === inst.keyFingerprint) return { possible: true, detail: `root by key pair '${name}' (${inst.keyFingerprint})` };
  return {
    possible: false,
    detail: held === undefined
      ? `key pair '${name}' (${inst.keyFingerprint}) installed at boot is no longer held by the account`
      : `key pair '${name}' was re-created (${held.fingerprint}); ${inst.id} has the old one (${inst.keyFingerprint})`,
  };
}
