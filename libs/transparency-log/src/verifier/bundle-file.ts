import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The committed verifier, relative to the repository. */
export const VERIFIER_BUNDLE_PATH = 'verifier/ledger-verify.mjs';

/** The repository's folder, from the sources or from dist/ alike: the first folder above this file holding the verifier. */
export function repositoryRoot(from = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, VERIFIER_BUNDLE_PATH))) return folder;
    if (dirname(folder) === folder) throw new Error(`${VERIFIER_BUNDLE_PATH} is not in any folder above ${from}`);
  }
}
