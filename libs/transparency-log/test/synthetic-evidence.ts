import { EVIDENCE_FORMAT, EvidenceBundle, InMemoryTree, inclusionProof, leafHash, noteSigner, signCheckpoint, treeRoot } from '../src';
import { generateKeyPairSync } from 'node:crypto';

/**
 * An evidence file of `count` events under a log key of its own (bench.example/log), with the policy that trusts
 * that key: what the verifier's throughput is measured on, in node and in the browser.
 */
export async function syntheticEvidence(count: number): Promise<{ bundle: EvidenceBundle; policy: string }> {
  const signer = await noteSigner('bench.example/log', generateKeyPairSync('ed25519').privateKey);
  const canonical = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      data: { vote: i % 2 ? 'for' : 'against', membershipId: `member-${i}` },
      id: `event-${i}`,
      metadata: {},
      position: i + 1,
      recordedAt: '2026-01-01T00:00:00.000000Z',
      revision: i,
      stream: 'meeting-bench',
      type: 'VoteCast',
    }),
  );
  const tree = new InMemoryTree(canonical.map((text) => leafHash(text)));
  const rootHash = treeRoot(tree, count);
  return {
    bundle: {
      format: EVIDENCE_FORMAT,
      subject: { bench: true },
      cited: canonical.map((_, i) => `event-${i}`),
      checkpoint: signCheckpoint({ origin: 'bench.example/log', size: count, rootHash }, signer),
      events: canonical.map((text, i) => ({
        eventId: `event-${i}`,
        position: i + 1,
        leafIndex: i,
        canonical: text,
        leafHash: leafHash(text).toString('base64'),
        inclusionProof: inclusionProof(tree, i, count).map((hash) => hash.toString('base64')),
      })),
    },
    policy: `log ${signer.verifierKey.text}\nquorum none\n`,
  };
}
