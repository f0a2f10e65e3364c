import Database from 'better-sqlite3';
import { ConfigType } from '@nestjs/config';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SQLITE_FILE_NAME } from '@ledger/event-store';
import { repositoryFile, VERIFIER_BUNDLE_PATH } from '@ledger/public-contract';
import { ledgerConfig } from '../config/ledger.config';
import { secretsIn } from '../config/keys-dir';
import { PUBLIC_KEY_FILE } from '../transparency/transparency.settings';
import { TransparencyStatus } from '../transparency/transparency-status';
import { Ledger } from './ledger-context';

/** Where the committed verifier is, from the sources or from dist/. */
export function verifierFile(): string {
  const candidates = [
    resolve(__dirname, '../../../../verifier/ledger-verify.mjs'),
    resolve(__dirname, '../../../../../verifier/ledger-verify.mjs'),
  ];
  const found = candidates.find(existsSync);
  if (!found) throw new Error('verifier/ledger-verify.mjs is missing');
  return found;
}

/**
 * `npm run ledger -- audit-copy DIR`: what an auditor needs and nothing secret. The events, the tree, the signed
 * checkpoints and the witnesses' cosignatures (ledger.sqlite, copied whole and consistent by SQLite's backup, even
 * while the ledger runs), the public key, the ledger's policy, the newest checkpoint, and the verifier itself. Not
 * the keys folder, not the wrapped content keys, not the API keys, not the read models.
 */
export async function auditCopy(ledger: Ledger, dir: string, out: (line: string) => void): Promise<number> {
  const config = ledger.get<ConfigType<typeof ledgerConfig>>(ledgerConfig.KEY);
  if (config.store !== 'sqlite')
    throw new Error(
      'audit-copy copies the embedded store (LEDGER_STORE=sqlite); with KurrentDB, give the auditor a KurrentDB backup and this ledger-tree.sqlite',
    );
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} is not empty: give a new folder`);
  mkdirSync(target, { recursive: true });
  const source = new Database(join(config.dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    await source.backup(join(target, SQLITE_FILE_NAME));
  } finally {
    source.close();
  }
  const view = await ledger.get(TransparencyStatus).view();
  copyFileSync(join(config.dataDir, PUBLIC_KEY_FILE), join(target, PUBLIC_KEY_FILE));
  writeFileSync(join(target, 'policy.txt'), view.policy);
  if (view.checkpoint) writeFileSync(join(target, 'checkpoint.txt'), view.checkpoint.note);
  copyFileSync(repositoryFile(VERIFIER_BUNDLE_PATH), join(target, 'ledger-verify.mjs'));
  writeFileSync(join(target, 'README.txt'), readme(view.origin, view.checkpoint?.treeSize ?? 0));
  const secrets = secretsIn(target);
  if (secrets.length > 0) throw new Error(`the copy holds a private key (${secrets.join(', ')}): it was not made`);
  if (readFileSync(join(target, SQLITE_FILE_NAME)).includes('PRIVATE KEY'))
    throw new Error('the copied ledger holds a private key: it was not made');
  out(
    `audit copy of ${view.origin} (${view.checkpoint?.treeSize ?? 0} events signed) written to ${target}: ledger.sqlite, ${PUBLIC_KEY_FILE}, policy.txt, checkpoint.txt, ledger-verify.mjs, README.txt`,
  );
  return 0;
}

function readme(origin: string, size: number): string {
  return `An auditor's copy of the commissioning decision ledger ${origin}, signed up to ${size} events. It holds no private key.

ledger.sqlite           the events, the Merkle tree, the signed checkpoints and the witnesses' cosignatures
ledger-public-key.pem   the ledger's public key (check it against one you obtained yourself)
policy.txt              the ledger's own C2SP tlog-policy: its key, its witnesses, how many must cosign
checkpoint.txt          the newest checkpoint, with its cosignatures
ledger-verify.mjs       the verifier: node ledger-verify.mjs checkpoint checkpoint.txt --policy policy.txt

Check the whole copy (every event against the tree and every signed checkpoint, and the newest against the policy):
  npm run ledger -- verify --data-dir . --policy policy.txt
Better: write a policy of your own with the keys you trust and the witnesses you require.
`;
}
