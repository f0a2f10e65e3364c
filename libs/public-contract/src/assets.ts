import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The committed verifier and the /verify page's script, relative to the repository. */
export const VERIFIER_BUNDLE_PATH = 'verifier/ledger-verify.mjs';
export const VERIFY_PAGE_SCRIPT_PATH = 'apps/public/static/verify-page.mjs';

/** A file of the repository, found from the sources or from dist/ alike (the first folder above holding the verifier). */
export function repositoryFile(path: string, from = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, VERIFIER_BUNDLE_PATH))) return join(folder, path);
    if (dirname(folder) === folder) throw new Error(`${VERIFIER_BUNDLE_PATH} is not in any folder above ${from}`);
  }
}
