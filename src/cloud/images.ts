import type { Distribution } from '../engine/index.js';
import type { Arch } from './catalog.js';

/** An Amazon Machine Image: stored in S3, fetched to the host at every boot. */
export interface MachineImage {
  readonly id: string;
  readonly name: string;
  readonly arch: Arch;
  /** Image size, bytes: what the host fetches from S3 before the kernel boots. */
  readonly sizeBytes: number;
  readonly visibility: 'public' | 'private';
  /** Kernel and init time after the fetch, ms; undefined = the cloud's default. */
  readonly kernelBoot?: Distribution;
  /**
   * The image has a login of its own (users, passwords or SSH keys built in, as a private image
   * its owner built may): root can log in without a key pair. Public images (the default) do
   * not: they rely on the key pair given at launch.
   */
  readonly ownLogin?: boolean;
}

/** Public images every scenario can use: those the article and the design name. */
export const BUILTIN_IMAGES: readonly Omit<MachineImage, 'kernelBoot'>[] = [
  { id: 'ami-f937d290', name: 'fedora-8', arch: 'i386', sizeBytes: 1_500_000_000, visibility: 'public' },
  { id: 'ami-5a1f3c27', name: 'fedora-8-x86_64', arch: 'x86_64', sizeBytes: 2_000_000_000, visibility: 'public' },
];

/** Thrown for a launch the API refuses outright (EC2 error codes as names). */
export class Ec2ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = 'Ec2ApiError';
    this.code = code;
  }
}

/** The image registry: looks images up and checks them against an instance type. */
export class ImageRegistry {
  readonly #images = new Map<string, MachineImage>();

  constructor(images: readonly MachineImage[]) {
    for (const i of images) this.#images.set(i.id, i);
  }

  /** The image `id`; throws Ec2ApiError InvalidAMIID.NotFound. */
  get(id: string): MachineImage {
    const img = this.#images.get(id);
    if (img === undefined) throw new Ec2ApiError('InvalidAMIID.NotFound', `the AMI ID '${id}' does not exist`);
    return img;
  }

  /** Throws Ec2ApiError InvalidParameterValue when the image's architecture does not match the type's. */
  checkArch(image: MachineImage, typeName: string, typeArch: Arch): void {
    if (image.arch !== typeArch) {
      throw new Ec2ApiError('InvalidParameterValue', `the requested instance type's architecture (${typeArch}) does not match the architecture in the manifest for ${image.id} (${image.arch}): ${typeName} needs an ${typeArch} image`);
    }
  }
}
