import { ensureDist } from './cli/ensure-dist.js';

/**
 * Before any test: worker processes (`run` and `sweep` on more than one worker, in-process
 * through main()) and bin/ephemera.js run the compiled code in dist/, which a fresh clone
 * does not have until it is built. Builds it once when src/ is newer (else costs nothing).
 */
export default function setup(): void {
  ensureDist();
}
