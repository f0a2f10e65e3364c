import Database from 'better-sqlite3';
import { noteSigner } from '@ledger/transparency-log';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerProcess, runLedgerCli, startLedgerProcess, startWitnessProcess, stopLedgerProcess } from './ledger-process';

/**
 * The insider: someone with the data folder (not the keys folder) turns one decision carried into one lost, deletes the tree's tables and
 * restarts the ledger, which used to rebuild the tree without a word and sign it with a key kept in the same
 * folder. Now the ledger names what it found and refuses to go on, the witness that saw the old history refuses
 * the rebuilt one, and `verify` with a policy that requires that witness fails.
 */
const ORIGIN = 'commissioning-decision-ledger';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the insider attack: an edited decision, the tree deleted, a restart', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-insider-'));
  const dataDir = join(root, 'data');
  const keysDir = join(root, 'keys');
  let witness: LedgerProcess;
  let witnessUrl: string;
  let ledger: LedgerProcess | undefined;
  let policyFile: string;
  let env: Record<string, string>;
  afterAll(async () => {
    if (ledger) await stopLedgerProcess(ledger);
    await stopLedgerProcess(witness);
    rmSync(root, { recursive: true, force: true });
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read field by field in the assertions
  type Json = Record<string, any>;
  const json = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${ledger!.url}${path}`, init);
    return { status: response.status, body: (await response.json()) as Json };
  };
  const transparencyLog = async () => (await json('/health')).body.details.transparencyLog;
  const until = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(50)) {
      const value = await probe();
      if (value !== undefined) return value;
    }
    throw new Error(`${what}: not within 60 s`);
  };
  const start = async () => {
    ledger = await startLedgerProcess(dataDir, env, false);
    // /health answers 503 while the tree is checked, and after a check that failed: wait for the check, not for 200.
    return until(async () => {
      const health = await fetch(`${ledger!.url}/health`).then(
        async (response) => ((await response.json()) as Json).details?.transparencyLog,
        () => undefined,
      );
      return health && health.check !== 'running' ? health : undefined;
    }, 'the tree check');
  };

  beforeAll(async () => {
    // The ledger's key, made first, so the witness can be told which log it witnesses.
    mkdirSync(keysDir, { mode: 0o700 });
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    writeFileSync(join(keysDir, 'ledger-signing-key.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { mode: 0o600 });
    const logKey = (await noteSigner(ORIGIN, privateKey)).verifierKey.text;
    witness = await startWitnessProcess(join(root, 'witness'), [logKey], { WITNESS_NAME: 'regulator.example/witness' });
    witnessUrl = witness.url;
    const witnessKey = (await (await fetch(`${witnessUrl}/verifier-key`)).text()).trim();
    policyFile = join(root, 'auditor-policy.txt');
    writeFileSync(policyFile, `log ${logKey}\nwitness regulator ${witnessKey} ${witnessUrl}\nquorum regulator\n`);
    env = {
      LEDGER_KEYS_DIR: keysDir,
      LEDGER_WITNESSES: witnessUrl,
      LEDGER_SEED: 'on',
      LEDGER_CHECKPOINT_EVERY_SECONDS: '0.2',
      LEDGER_WITNESS_RETRY_MS: '100',
    };
    expect(await start()).toMatchObject({ check: 'passed' });
    // The real history, witnessed to its last event.
    await until(async () => {
      const health = await transparencyLog();
      const head = (await json('/ledger/head')).body.position;
      return head > 500 && health.witnesses[0]?.cosignedSize === head ? health : undefined;
    }, 'the witness cosigning the seeded history');
    await stopLedgerProcess(ledger!, 'SIGTERM');
    ledger = undefined;
  }, 180_000);

  /** Turns one decision carried into one lost (the trigger that forbids it dropped first, as the insider would): its position. */
  const editOneDecision = (file: string): number => {
    const db = new Database(file);
    db.exec('DROP TRIGGER events_are_never_edited;');
    const [position, data] = db
      .prepare(
        `SELECT position, data FROM events WHERE type = 'DecisionRecorded' AND data LIKE '%"outcome":"carried"%' ORDER BY position LIMIT 1 OFFSET 2`,
      )
      .raw(true)
      .get() as [number, string];
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data.replace('"outcome":"carried"', '"outcome":"lost"'), position);
    db.close();
    return position;
  };

  it('names the very decision edited when the tree is left in place', async () => {
    const copy = join(root, 'copy');
    cpSync(dataDir, copy, { recursive: true });
    const edited = editOneDecision(join(copy, 'ledger.sqlite'));
    const check = await runLedgerCli(['verify', '--data-dir', copy, '--policy', policyFile], {});
    expect(check.stdout).toMatch(new RegExp(`^verify: FAILED: edited at position ${edited}: `));
    const copyLedger = await startLedgerProcess(copy, { ...env, LEDGER_SEED: 'off' }, false);
    try {
      const health = await until(async () => {
        const response = await fetch(`${copyLedger.url}/health`).then(
          async (answer) => (await answer.json()) as Json,
          () => undefined,
        );
        return response?.details?.transparencyLog?.check === 'failed' ? response : undefined;
      }, 'the check of the copy');
      expect(health.details.transparencyLog).toMatchObject({ rule: 'tree-differs', position: edited, how: 'edited' });
    } finally {
      await stopLedgerProcess(copyLedger);
    }
  });

  it('refuses to go on after the edit and the tree deleted, and the witness refuses the rebuilt tree', async () => {
    const file = join(dataDir, 'ledger.sqlite');
    editOneDecision(file);
    const db = new Database(file);
    db.exec(`DROP TRIGGER merkle_leaves_are_never_deleted; DELETE FROM merkle_leaves; DELETE FROM merkle_checkpoints;
             DELETE FROM checkpoint_cosignatures; DELETE FROM witnesses;`);
    db.close();

    // The restart: no rebuild, no new checkpoint; /health is 503 naming the rule and the position.
    const health = await start();
    const answer = await json('/health');
    expect(answer.status).toBe(503);
    expect(health).toMatchObject({ check: 'failed', rule: 'tree-missing', position: 1 });
    // The witness's checkpoint, which the ledger asked for at start, contradicts the events too.
    expect(health.also).toEqual([expect.stringMatching(/^checkpoint-contradicted .*witness http/)]);
    expect(await json('/ledger/checkpoint')).toMatchObject({ status: 503, body: { rule: 'tree-missing', position: 1 } });
    const key = (
      await runLedgerCli(['keys', 'create', '--name', 'Ida Insider', '--role', 'admin'], {
        LEDGER_DATA_DIR: dataDir,
        LEDGER_KEYS_DIR: keysDir,
      })
    ).stdout
      .trim()
      .split('\n')
      .pop()!;
    const write = await json('/bodies', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ bodyId: 'x', kind: 'ccg', name: 'X', areas: ['wirral'], effective: '2020-01-01', source: { title: 't' } }),
    });
    expect(write).toMatchObject({ status: 503, body: { rule: 'tree-missing' } });
    await sleep(500);
    const signed = () => {
      const read = new Database(file, { readonly: true });
      const count = read.prepare('SELECT count(*) FROM merkle_checkpoints').pluck().get();
      read.close();
      return count;
    };
    expect(signed()).toBe(0);
    expect(ledger!.output()).toMatch(/tree check FAILED: tree-missing at position 1/);
    await stopLedgerProcess(ledger!, 'SIGTERM');
    ledger = undefined;

    // The rebuild, in the open: signed and sent to the witness, which refuses it (it does not extend what it cosigned).
    const rebuild = await runLedgerCli(['tree', 'rebuild', '--reason', 'the tree tables were lost'], { LEDGER_DATA_DIR: dataDir, ...env });
    expect(rebuild.status).toBe(1);
    expect(rebuild.stdout).toMatch(new RegExp(`witness ${witnessUrl} refused the rebuilt tree: (409|422) `));
    expect(signed()).toBe(1);

    // verify with the genuine public key alone is fooled, as before; with a policy requiring the witness, it is not.
    const keyOnly = await runLedgerCli(['verify', '--data-dir', dataDir, '--public-key', join(dataDir, 'ledger-public-key.pem')], {});
    expect(keyOnly).toMatchObject({ status: 0 });
    const withPolicy = await runLedgerCli(['verify', '--data-dir', dataDir, '--policy', policyFile], {});
    expect(withPolicy.status).toBe(1);
    expect(withPolicy.stdout).toMatch(/^verify: FAILED: unwitnessed .*quorum "regulator"/);

    // And the ledger, started again on the rebuilt tree, still refuses: the witness holds a checkpoint it contradicts.
    expect(await start()).toMatchObject({ check: 'failed', rule: 'checkpoint-contradicted' });
    expect((await json('/health')).status).toBe(503);
  });
});
