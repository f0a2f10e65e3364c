import { CheckpointSigner } from '../transparency/checkpoint-signer';
import { LedgerTree } from '../transparency/ledger-tree';
import { TRANSPARENCY_SETTINGS, TransparencySettings } from '../transparency/transparency.settings';
import { TransparencyStatus } from '../transparency/transparency-status';
import { TreeCheck, TreeIntegrity } from '../transparency/tree-integrity';
import { WitnessPusher } from '../transparency/witnesses/witness-pusher';
import { Ledger } from './ledger-context';

const described = (check: TreeCheck) =>
  check.status === 'failed' ? `${check.rule} at position ${check.position} (${check.how}): ${check.message}` : check.status;

/**
 * `npm run ledger -- tree rebuild --reason "…"`, the one way a tree is rebuilt: in the open, with a reason, recorded.
 * It checks the tree as it stands, discards every leaf, hashes every event in again, checks again (against every
 * checkpoint the ledger signed and every one its witnesses hold), signs the rebuilt tree and sends it to each witness.
 * A witness that cosigned another history refuses it (409, 422): the rebuild is visible to them, and said here.
 * Exits 0 only when the rebuilt tree agrees with every signed checkpoint and every witness cosigned it.
 */
export async function rebuildTree(ledger: Ledger, reason: string, out: (line: string) => void): Promise<number> {
  if (!reason.trim()) throw new Error('tree rebuild needs --reason "why"');
  // The witnesses hear of the rebuilt tree once, below, and say what they make of it.
  ledger.get(WitnessPusher).stop();
  const tree = ledger.get(LedgerTree);
  const integrity = ledger.get(TreeIntegrity);
  const before = await integrity.settled();
  out(`before: ${described(before)}`);
  const sizeBefore = tree.tables.size();
  const leaves = await tree.rebuild();
  const after = await integrity.recheck();
  out(`rebuilt the tree: ${sizeBefore} leaves before, ${leaves} now; the check: ${described(after)}`);
  const checkpoint = await ledger.get(CheckpointSigner).signAfterRebuild();
  out(`signed the rebuilt tree at size ${checkpoint.treeSize} (root ${checkpoint.rootHash.toString('base64')})`);
  const findings = [`before: ${described(before)}`, `after: ${described(after)}`];
  let refused = 0;
  for (const url of ledger.get<TransparencySettings>(TRANSPARENCY_SETTINGS).witnesses) {
    const outcome = await ledger.get(WitnessPusher).pushOnce(url);
    const line = outcome.cosigned
      ? `witness ${url} cosigned the rebuilt tree`
      : `witness ${url} refused the rebuilt tree: ${outcome.status} ${outcome.message}`;
    if (!outcome.cosigned) refused += 1;
    findings.push(line);
    out(line);
  }
  await tree.checkpoints.recordRebuild({ at: new Date().toISOString(), reason, treeSizeBefore: sizeBefore, events: leaves, findings });
  await ledger.get(TransparencyStatus).publish();
  return after.status === 'passed' && refused === 0 ? 0 : 1;
}
