import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { createDatabase, postgresForTests } from '../../event-store/test/postgres/throwaway-postgres';
import { CheckpointStore, PostgresCheckpointStore, SqliteCheckpointStore } from '../src';

/**
 * The checkpoint store on PostgreSQL answers as the SQLite one does, call for call (the same script run
 * on both), and keeps one history when several nodes save. Skipped, with one line, without PostgreSQL.
 */
const target = postgresForTests();

if ('skip' in target) {
  process.stdout.write(`PostgreSQL checkpoint store skipped: ${target.skip}\n`);
  describe.skip('PostgreSQL checkpoint store', () => undefined);
} else {
  describe('the checkpoint store on PostgreSQL', () => {
    const pools: Pool[] = [];
    const pool = async () => {
      const opened = new Pool({ connectionString: await createDatabase(target.url) });
      pools.push(opened);
      return opened;
    };
    afterAll(async () => {
      await Promise.all(pools.map((opened) => opened.end()));
      target.stop();
    });

    const hash = (byte: number) => Buffer.alloc(32, byte);
    /** Every call of the seam, in an order a ledger makes them; what each answered. */
    const script = async (store: CheckpointStore) => {
      const answers: unknown[] = [await store.latest(), await store.sizes(), await store.witnesses(), await store.rebuilds()];
      await store.save({ treeSize: 0, rootHash: hash(0), note: 'note 0\n', signedAt: '2026-12-05T07:00:00.000Z' });
      await store.save({ treeSize: 7, rootHash: hash(7), note: 'note 7\n', signedAt: '2026-12-05T07:01:00.000Z' });
      await store.save({ treeSize: 7, rootHash: hash(9), note: 'a second note at 7\n', signedAt: '2026-12-05T07:02:00.000Z' });
      await store.addCosignature({ treeSize: 7, witness: 'http://w2', keyName: 'w2', line: '— w2 x\n', timestamp: 1_764_918_000 });
      await store.addCosignature({ treeSize: 7, witness: 'http://w1', keyName: 'w1', line: '— w1 y\n', timestamp: 1_764_918_001 });
      await store.addCosignature({ treeSize: 7, witness: 'http://w1', keyName: 'w1', line: '— w1 again\n', timestamp: 1 });
      const witness = {
        url: 'http://w1',
        verifierKey: 'w1+abcd+key',
        cosignedSize: null,
        cosignedAt: null,
        lastAttemptAt: '2026-12-05T07:03:00.000Z',
        lastStatus: 0,
        lastError: 'unreachable',
      };
      await store.saveWitness(witness);
      await store.saveWitness({ ...witness, cosignedSize: 7, cosignedAt: '2026-12-05T07:04:00.000Z', lastStatus: 200, lastError: null });
      await store.recordRebuild({
        at: '2026-12-05T07:05:00.000Z',
        reason: 'tree file lost',
        treeSizeBefore: 0,
        events: 7,
        findings: ['missing'],
      });
      await store.recordRebuild({ at: '2026-12-05T07:06:00.000Z', reason: 'again', treeSizeBefore: 7, events: 7, findings: [] });
      answers.push(
        await store.latest(),
        await store.at(0),
        await store.at(3),
        await store.sizes(),
        await store.cosignatures(7),
        await store.cosignatures(0),
        await store.witness('http://w1'),
        await store.witness('http://nowhere'),
        await store.witnesses(),
        await store.rebuilds(),
      );
      return answers;
    };

    it('answers every call as the SQLite store does', async () => {
      const sqlite = new Database(':memory:');
      const expected = await script(new SqliteCheckpointStore(sqlite));
      sqlite.close();
      const answers = await script(new PostgresCheckpointStore(await pool()));
      expect(answers).toEqual(expected);
      // And what they answered is what was saved first: one checkpoint at 7, cosignatures by witness.
      expect(answers[4]).toEqual({ treeSize: 7, rootHash: hash(7), note: 'note 7\n', signedAt: '2026-12-05T07:01:00.000Z' });
      expect((answers[8] as { witness: string }[]).map((c) => c.witness)).toEqual(['http://w1', 'http://w2']);
    });

    it('keeps one history when several nodes save at once: the first checkpoint at a size stands for all', async () => {
      const shared = await pool();
      const nodes = [new PostgresCheckpointStore(shared), new PostgresCheckpointStore(shared), new PostgresCheckpointStore(shared)];
      await Promise.all(
        nodes.map((node, k) => node.save({ treeSize: 5, rootHash: hash(k), note: `node ${k}\n`, signedAt: '2026-12-05T07:00:00.000Z' })),
      );
      const seen = await Promise.all(nodes.map((node) => node.at(5)));
      expect(new Set(seen.map((record) => record!.note)).size).toBe(1);
      expect(await nodes[2].sizes()).toEqual([5]);
    });
  });
}
