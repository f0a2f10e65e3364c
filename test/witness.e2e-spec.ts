import {
  checkCheckpoint,
  CompactRange,
  consistencyProof,
  ED25519_COSIGNATURE_V1,
  InMemoryTree,
  leafHash,
  noteSigner,
  parsePolicy,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  treeRoot,
} from '@ledger/transparency-log';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vectors from '../libs/transparency-log/test/fixtures/c2sp-vectors.json';
import { freePort, LedgerProcess, startWitnessProcess, stopLedgerProcess } from './ledger-process';

/**
 * The witness (apps/witness) as a process of its own, speaking C2SP tlog-witness over HTTP: the transparency-dev
 * witness vectors (the monkeys log, its checkpoints of 5 and 8 and the proof between them, the witness's key), each
 * refusal with the status the specification gives it, a restart that keeps its state, and a SIGKILL in the middle
 * of a run of writes that leaves its last good checkpoint.
 */
const { logVkey, logSkey, witnessSkey, witnessVkey, init, next, consistencyProof5to8 } = vectors.witness;
const MONKEYS_HASH = createHash('sha256').update('monkeys').digest('hex');
const b64 = (hexHash: string) => Buffer.from(hexHash, 'hex').toString('base64');
const body = (old: number, proof: string[], note: string) => `old ${old}\n${proof.map((hash) => `${hash}\n`).join('')}\n${note}`;

describe('a C2SP tlog-witness process', () => {
  const folders: string[] = [];
  const fresh = (prefix: string) => {
    const folder = mkdtempSync(join(tmpdir(), prefix));
    folders.push(folder, `${folder}-keys`);
    return folder;
  };
  let witness: LedgerProcess | undefined;
  afterEach(async () => {
    if (witness) await stopLedgerProcess(witness);
    witness = undefined;
  });
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  /** The witness with transparency-dev's test key (a 0x01 key cosigning as 0x04), witnessing the monkeys log. */
  const startVectorWitness = async (dataDir: string, port?: number) => {
    const keyFile = join(`${dataDir}-keys`, 'witness.key');
    if (!existsSync(keyFile)) {
      mkdirSync(`${dataDir}-keys`, { mode: 0o700 });
      writeFileSync(keyFile, `${witnessSkey}\n`, { mode: 0o600 });
    }
    return startWitnessProcess(dataDir, [logVkey], {
      WITNESS_NAME: 'witness',
      WITNESS_KEY_FILE: keyFile,
      ...(port ? { WITNESS_PORT: String(port) } : {}),
    });
  };
  const post = async (text: string) => {
    const response = await fetch(`${witness!.url}/add-checkpoint`, { method: 'POST', body: text });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  const policy = async () => parsePolicy(`log ${logVkey}\nwitness W ${witnessVkey}\nquorum W\n`);

  it('cosigns the vector checkpoints in order, and refuses each bad request with the status C2SP gives it', async () => {
    const dataDir = fresh('witness-vectors-');
    witness = await startVectorWitness(dataDir);
    expect((await (await fetch(`${witness.url}/verifier-key`)).text()).trim()).toBe(
      (await parseSignerKey(witnessSkey, ED25519_COSIGNATURE_V1)).verifierKey.text,
    );

    // Trust on first use: from 0, no proof.
    const first = await post(body(0, [], init));
    expect(first.status).toBe(200);
    expect(await checkCheckpoint(init + first.text, await policy())).toMatchObject({ ok: true, checkpoint: { size: 5 } });
    // The monitoring call serves it with the log's signature and the witness's.
    const held = await (await fetch(`${witness.url}/${MONKEYS_HASH}/checkpoint`)).text();
    expect(await checkCheckpoint(held, await policy())).toMatchObject({ ok: true, checkpoint: { size: 5 } });

    // The vector proof from 5 to 8.
    const proof = consistencyProof5to8.map(b64);
    const second = await post(body(5, proof, next));
    expect(second.status).toBe(200);
    expect(await checkCheckpoint(next + second.text, await policy())).toMatchObject({ ok: true, checkpoint: { size: 8 } });

    // 409: an old size that is not the one held, the body naming the one held.
    expect(await post(body(5, proof, next))).toEqual({ status: 409, type: 'text/x.tlog.size', text: '8\n' });
    // 400: an old size above the new one; a body that is not a request.
    expect((await post(body(8, [], init))).status).toBe(400);
    expect((await post('old 8\nnot base64!\n\n' + next)).status).toBe(400);
    // 404: a log it does not witness.
    const stranger = await noteSigner('strangers', generateKeyPairSync('ed25519').privateKey);
    const strangerNote = signCheckpoint({ origin: 'strangers', size: 1, rootHash: leafHash('x') }, stranger);
    expect((await post(body(0, [], strangerNote))).status).toBe(404);
    // 403: the monkeys origin signed by another key.
    const impostor = await noteSigner('monkeys', generateKeyPairSync('ed25519').privateKey);
    expect((await post(body(8, [], signCheckpoint({ origin: 'monkeys', size: 9, rootHash: leafHash('y') }, impostor)))).status).toBe(403);
    // 422: a proof that does not verify (the log's own key signing a checkpoint that does not extend 8).
    const monkeys = await parseSignerKey(logSkey);
    const forked = signCheckpoint({ origin: 'monkeys', size: 9, rootHash: leafHash('fork') }, monkeys);
    expect((await post(body(8, proof, forked))).status).toBe(422);
    // 422: the same size with another root.
    const rerooted = signCheckpoint({ origin: 'monkeys', size: 8, rootHash: leafHash('other root') }, monkeys);
    expect((await post(body(8, [], rerooted))).status).toBe(422);
    // None of these moved it.
    expect(await checkCheckpoint(await (await fetch(`${witness.url}/${MONKEYS_HASH}/checkpoint`)).text(), await policy())).toMatchObject({
      checkpoint: { size: 8 },
    });
    const methods = await fetch(`${witness.url}/add-checkpoint`);
    expect(methods.status).toBe(405);
  });

  it('keeps its state across a restart', async () => {
    const dataDir = fresh('witness-restart-');
    witness = await startVectorWitness(dataDir);
    expect((await post(body(0, [], init))).status).toBe(200);
    const port = Number(new URL(witness.url).port);
    await stopLedgerProcess(witness, 'SIGTERM');
    witness = await startVectorWitness(dataDir, port);
    expect(await post(body(0, [], next))).toEqual({ status: 409, type: 'text/x.tlog.size', text: '5\n' });
    expect((await post(body(5, consistencyProof5to8.map(b64), next))).status).toBe(200);
  });

  it('killed with SIGKILL in the middle of a run of writes, keeps a good checkpoint no older than the last it acknowledged', async () => {
    const dataDir = fresh('witness-sigkill-');
    const log = await noteSigner('sigkill.example/log', generateKeyPairSync('ed25519').privateKey);
    const witnessKeyFile = join(`${dataDir}-keys`, 'witness.key');
    const port = await freePort();
    const start = () =>
      startWitnessProcess(dataDir, [log.verifierKey.text], {
        WITNESS_NAME: 'sigkill.example/witness',
        WITNESS_KEY_FILE: witnessKeyFile,
        WITNESS_PORT: String(port),
      });
    witness = await start();
    const witnessKey = (await (await fetch(`${witness.url}/verifier-key`)).text()).trim();
    const tree = new InMemoryTree();
    const range = new CompactRange();
    let acknowledged = 0;
    const checkpointOf = (size: number) => {
      while (tree.size < size) {
        const leaf = leafHash(`event ${tree.size + 1}`);
        tree.append(leaf);
        range.append(leaf);
      }
      return signCheckpoint({ origin: 'sigkill.example/log', size, rootHash: treeRoot(tree, size) }, log);
    };
    const add = (old: number, size: number) => {
      const note = checkpointOf(size);
      return fetch(`${witness!.url}/add-checkpoint`, {
        method: 'POST',
        body: body(old, old === 0 ? [] : consistencyProofOf(tree, old, size), note),
      }).then(
        (response) => response.status,
        () => 0,
      );
    };
    // One leaf more each time, as fast as the witness answers...
    const burstAt = 20 + Math.floor(Math.random() * 30);
    for (let size = 1; size < burstAt; size++) if ((await add(acknowledged, size)) === 200) acknowledged = size;
    // ...then a burst of requests in flight together (one can win, the others find it moved), and the kill among them.
    const burst = Array.from({ length: 6 }, (_, k) => {
      const size = burstAt + k;
      checkpointOf(size);
      return add(acknowledged, size).then((status) => (status === 200 ? size : 0));
    });
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 4)));
    await stopLedgerProcess(witness, 'SIGKILL');
    acknowledged = Math.max(acknowledged, ...(await Promise.all(burst)));
    witness = await start();
    const held = await (
      await fetch(`${witness.url}/${createHash('sha256').update('sigkill.example/log').digest('hex')}/checkpoint`)
    ).text();
    const checked = await checkCheckpoint(held, await parsePolicy(`log ${log.verifierKey.text}\nwitness W ${witnessKey}\nquorum W\n`));
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.checkpoint.size).toBeGreaterThanOrEqual(acknowledged);
    expect(Buffer.from(checked.checkpoint.rootHash)).toEqual(treeRoot(tree, checked.checkpoint.size));
    // And it goes on from there.
    expect(await add(checked.checkpoint.size, tree.size + 1)).toBe(200);
    expect(await parseVerifierKey(witnessKey)).toMatchObject({ name: 'sigkill.example/witness' });
  });
});

function consistencyProofOf(tree: InMemoryTree, from: number, to: number): string[] {
  return consistencyProof(tree, from, to).map((hash) => hash.toString('base64'));
}
