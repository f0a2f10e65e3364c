import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  linkSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The private keys (the checkpoint signing key, the master key of confidential content) live in a folder of
 * their own, never in the data folder: whoever holds a copy of the data (a backup, an auditor, an insider)
 * then holds no key to sign a rewritten history or to open Part 2 text. The folder is 0700, each key 0600.
 */
export interface KeyPlaces {
  dataDir: string;
  keysDir: string;
  masterKeyFile: string;
  signingKeyFile: string;
}

/** The default: `keys` beside the data folder (`./keys` for `./data`); `<name>-keys` beside a folder not named `data`. */
export function keysDirBeside(dataDir: string): string {
  const data = resolve(dataDir);
  const name = basename(data);
  return join(dirname(data), name === 'data' ? 'keys' : `${name}-keys`);
}

/** Names a private key is known by, and what a private key file holds. */
const KEY_NAMES = /^(ledger-signing-key\.pem|ledger-master\.key)$/;
const PRIVATE_PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** Whether `path` is `folder` or anything below it. */
export const isInside = (folder: string, path: string) => {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
};

/** The private keys found in the data folder (by name, or a PEM private key in a .pem or .key file at its top). */
export function secretsIn(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(dataDir, entry.name))
    .filter((file) => KEY_NAMES.test(basename(file)) || (/\.(pem|key)$/.test(file) && PRIVATE_PEM.test(readFileSync(file, 'utf8'))));
}

/** Throws, in one line, when a private key is (or would be) inside the data folder. */
export function assertSecretsOutside(places: KeyPlaces): void {
  const misplaced = [
    ...(isInside(places.dataDir, places.keysDir) ? [`LEDGER_KEYS_DIR (${places.keysDir})`] : []),
    ...[places.signingKeyFile, places.masterKeyFile].filter((file) => isInside(places.dataDir, file)),
    ...secretsIn(places.dataDir),
  ];
  if (misplaced.length > 0) {
    throw new Error(
      `refusing to start: a private key is inside the data folder ${resolve(places.dataDir)} (${[...new Set(misplaced)].join(', ')}); ` +
        `move it with \`npm run ledger -- keys move\` (to ${places.keysDir})`,
    );
  }
}

/** Creates the keys folder readable by its owner only. */
export function prepareKeysDir(keysDir: string): void {
  if (!existsSync(keysDir)) mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  if ((statSync(keysDir).mode & 0o077) !== 0) chmodSync(keysDir, 0o700);
}

/**
 * Creates a key file readable by its owner only, whole and durable: written and flushed under another name,
 * then linked into place, which fails (EEXIST) if another process made the key first.
 */
export function writeKeyFile(file: string, content: string | Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * `npm run ledger -- keys move`: every private key in the data folder (an older layout kept them there) moved
 * to the keys folder. A key already there with other content is never overwritten: the move stops, naming it.
 */
export function moveSecrets(places: KeyPlaces): { moved: [string, string][] } {
  if (isInside(places.dataDir, places.keysDir))
    throw new Error(`LEDGER_KEYS_DIR (${places.keysDir}) is inside the data folder: choose a folder outside it`);
  prepareKeysDir(places.keysDir);
  const moved: [string, string][] = [];
  for (const source of secretsIn(places.dataDir)) {
    const target = join(places.keysDir, basename(source));
    const content = readFileSync(source);
    if (existsSync(target)) {
      if (!readFileSync(target).equals(content)) {
        throw new Error(`not moved: ${target} already holds another key; ${source} stays where it is (keep one of them, by hand)`);
      }
    } else {
      writeKeyFile(target, content);
    }
    unlinkSync(source);
    moved.push([source, target]);
  }
  return { moved };
}
