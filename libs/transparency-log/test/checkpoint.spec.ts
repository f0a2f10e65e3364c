import { generateKeyPairSync } from 'node:crypto';
import {
  checkCheckpoint,
  checkpointBody,
  cosignatureLine,
  cosignatureTimestamp,
  ED25519_COSIGNATURE_V1,
  fromBase64,
  leafHash,
  meetsQuorum,
  noteSigner,
  parseCheckpoint,
  parseNote,
  parsePolicy,
  parseSignerKey,
  parseVerifierKey,
  policyOfLogKey,
  signCheckpoint,
  signerKeyText,
  signNote,
  verifierKeyOf,
  verifyConsistency,
  verifyEd25519,
} from '../src';
import vectors from './fixtures/c2sp-vectors.json';

const hex = (value: string) => Buffer.from(value, 'hex');

describe('C2SP signed notes, checkpoints and cosignatures against their published vectors', () => {
  it('verifies the signed-note example of c2sp.org/signed-note with its verifier key, and nothing edited', async () => {
    const key = await parseVerifierKey(vectors.signedNote.vkey);
    const note = parseNote(vectors.signedNote.note);
    if (!note.ok) throw new Error(note.reason);
    expect(note.text).toBe('This is an example message.\n');
    const [signature] = note.signatures;
    expect(Buffer.from(signature.keyId).equals(Buffer.from(key.keyId))).toBe(true);
    expect(await verifyEd25519(key.publicKey, Buffer.from(note.text), signature.signature)).toBe(true);
    expect(await verifyEd25519(key.publicKey, Buffer.from('This is an example message!\n'), signature.signature)).toBe(false);
  });

  it('reproduces the sumdb/note reference key ID, verifier key and signature byte for byte', async () => {
    const { vkey, seed, text, signature } = vectors.peterNeumann;
    const signer = await parseSignerKey(await signerKeyText('PeterNeumann', Buffer.from(seed, 'base64'), 0x01));
    expect(signer.verifierKey.text).toBe(vkey);
    expect(Buffer.from(signer.verifierKey.keyId).toString('hex')).toBe('c74f20a3');
    expect(signNote(text, signer)).toBe(`${text}\n${signature}`);
  });

  it('takes the cosignature verifier keys transparency-dev/formats takes, and refuses the ones it refuses', async () => {
    for (const vkey of vectors.cosignatureKeys.valid)
      await expect(parseVerifierKey(vkey)).resolves.toMatchObject({ name: vkey.split('+')[0] });
    for (const vkey of vectors.cosignatureKeys.invalid) await expect(parseVerifierKey(vkey)).rejects.toThrow();
    const remora = await parseVerifierKey(vectors.cosignatureKeys.valid[1]);
    expect(remora.type).toBe(ED25519_COSIGNATURE_V1);
    const [name, , material] = vectors.cosignatureKeys.valid[1].split('+');
    await expect(parseVerifierKey(`${name}+00000000+${material}`)).rejects.toThrow(/key ID/);
    expect(Number(cosignatureTimestamp(fromBase64(vectors.cosignatureTimestamp.signature)!.subarray(4)))).toBe(
      vectors.cosignatureTimestamp.timestamp,
    );
  });

  it("verifies transparency-dev/witness's two checkpoints and the consistency proof from 5 to 8, and refuses a proof garbled", async () => {
    const { logVkey, init, next, consistencyProof5to8 } = vectors.witness;
    const policy = await policyOfLogKey(await parseVerifierKey(logVkey));
    const [old, fresh] = await Promise.all([checkCheckpoint(init, policy), checkCheckpoint(next, policy)]);
    if (!old.ok || !fresh.ok) throw new Error('the vectors do not verify');
    expect([old.checkpoint.size, fresh.checkpoint.size]).toEqual([5, 8]);
    const proof = consistencyProof5to8.map(hex);
    expect(await verifyConsistency(5, 8, old.checkpoint.rootHash, fresh.checkpoint.rootHash, proof)).toBe(true);
    expect(await verifyConsistency(5, 8, old.checkpoint.rootHash, fresh.checkpoint.rootHash, [...proof].reverse())).toBe(false);
    expect(await verifyConsistency(4, 8, old.checkpoint.rootHash, fresh.checkpoint.rootHash, proof)).toBe(false);
    expect((await checkCheckpoint(init.replace('\n5\n', '\n6\n'), policy)).ok).toBe(false);
  });

  it("cosigns as cosignature/v1 with the witness's vector key, and a policy asking for that witness accepts it and nothing else", async () => {
    const { logVkey, witnessSkey, init } = vectors.witness;
    const witness = await parseSignerKey(witnessSkey, ED25519_COSIGNATURE_V1);
    const text = init.slice(0, init.lastIndexOf('\n\n') + 1);
    const cosigned = init + cosignatureLine(text, witness, 1_700_000_000);
    const policy = await parsePolicy(`log ${logVkey}\nwitness W ${witness.verifierKey.text}\nquorum W\n`);
    const checked = await checkCheckpoint(cosigned, policy);
    expect(checked).toMatchObject({ ok: true, cosigners: [{ witness: 'W', timestamp: 1_700_000_000 }] });
    // The witness's plain Ed25519 vkey names the same key; the policy takes it as cosigning (type 0x04 key ID).
    const plain = await parsePolicy(`log ${logVkey}\nwitness W ${vectors.witness.witnessVkey}\nquorum W\n`);
    expect((await checkCheckpoint(cosigned, plain)).ok).toBe(true);
    expect(await checkCheckpoint(init, policy)).toMatchObject({ ok: false, reason: expect.stringContaining('not the quorum') });
    const forged = init + cosignatureLine(text.replace('\n5\n', '\n6\n'), witness, 1_700_000_000);
    expect(await checkCheckpoint(forged, policy)).toMatchObject({ ok: false, reason: expect.stringContaining('does not verify') });
    // The time is signed too: a cosignature whose timestamp was changed no longer verifies.
    const line = cosignatureLine(text, witness, 1_700_000_000);
    const bytes = Buffer.from(line.split(' ')[2], 'base64');
    bytes.writeBigUInt64BE(1_800_000_000n, 4);
    expect((await checkCheckpoint(`${init}— ${witness.verifierKey.name} ${bytes.toString('base64')}\n`, policy)).ok).toBe(false);
  });

  it('evaluates the quorum of sigsum-go policy tests, and refuses the policies they refuse', async () => {
    const keys = Object.fromEntries(
      await Promise.all(
        ['W1', 'W2', 'W3', 'W4', 'W5'].map(async (name) => [
          name,
          (await noteSigner(`witness.example/${name}`, generateKeyPairSync('ed25519').privateKey, ED25519_COSIGNATURE_V1)).verifierKey.text,
        ]),
      ),
    ) as Record<string, string>;
    const witnessLines = Object.entries(keys).map(([name, vkey]) => `witness ${name} ${vkey}`);
    const policy = await parsePolicy(
      `# from sigsum-go\nlog ${vectors.witness.logVkey} http://log.example\n${witnessLines.join('\n')}\n${vectors.policyQuorum.groups}`,
    );
    for (const { witnesses, sufficient } of vectors.policyQuorum.table) {
      expect([witnesses, meetsQuorum(policy, new Set(witnesses))]).toEqual([witnesses, sufficient]);
    }
    for (const [why, text] of vectors.policyQuorum.invalid) {
      const filled = text.replace(/\{(W\d)\}/g, (_, name: string) => keys[name]);
      await expect(parsePolicy(filled)).rejects.toThrow();
      expect(why).toBeTruthy();
    }
    expect(meetsQuorum(await parsePolicy('quorum none\n'), new Set())).toBe(true);
  });
});

describe("the ledger's own checkpoints", () => {
  it('signs a checkpoint an auditor opens with the public key only, and refuses it under any other key or edit', async () => {
    const signer = await noteSigner('ledger.example/decisions', generateKeyPairSync('ed25519').privateKey);
    const checkpoint = { origin: 'ledger.example/decisions', size: 42, rootHash: leafHash('x') };
    const note = signCheckpoint(checkpoint, signer);
    expect(note.startsWith(checkpointBody(checkpoint))).toBe(true);
    expect(checkpointBody(checkpoint)).toBe(`ledger.example/decisions\n42\n${checkpoint.rootHash.toString('base64')}\n`);
    const policy = await policyOfLogKey(signer.verifierKey);
    expect(await checkCheckpoint(note, policy)).toMatchObject({ ok: true, checkpoint: { size: 42, origin: checkpoint.origin } });

    const other = await noteSigner('ledger.example/decisions', generateKeyPairSync('ed25519').privateKey);
    expect(await checkCheckpoint(signCheckpoint(checkpoint, other), policy)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("no signature by the log's key"),
    });
    expect((await checkCheckpoint(note.replace('\n42\n', '\n43\n'), policy)).ok).toBe(false);
    const renamed = await policyOfLogKey(await verifierKeyOf('another.example/log', 1, signer.verifierKey.publicKey));
    expect((await checkCheckpoint(note, renamed)).ok).toBe(false);
    expect(parseCheckpoint('origin\n01\nAAAA\n')).toEqual(expect.stringContaining('not a number'));
  });
});
