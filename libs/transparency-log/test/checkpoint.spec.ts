import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { checkpointBody, keyId, leafHash, openCheckpoint, openNote, publicKeyFrom, signCheckpoint, signNote, verifierKey } from '../src';

/** The example key and note of golang.org/x/mod/sumdb/note (note_test.go), as C2SP signed-note tools all reproduce it. */
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SEED = 'gQoUAtUUbI2E8kQzMPVAgOv5juF9nHT2JS/F1ccoMXM=';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE = `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('C2SP signed notes and tlog checkpoints', () => {
  const { key: peter } = publicKeyFrom(VKEY);

  it('reproduces the reference key ID, verifier key and signature byte for byte', () => {
    expect(keyId('PeterNeumann', peter).toString('hex')).toBe('c74f20a3');
    expect(verifierKey('PeterNeumann', peter)).toBe(VKEY);
    const x = peter.export({ format: 'jwk' }).x!;
    const privateKey = createPrivateKey({
      format: 'jwk',
      key: { kty: 'OKP', crv: 'Ed25519', x, d: Buffer.from(SEED, 'base64').toString('base64url') },
    });
    expect(signNote(TEXT, 'PeterNeumann', privateKey)).toBe(NOTE);
    expect(openNote(NOTE, 'PeterNeumann', peter)).toEqual({ ok: true, body: TEXT });
    expect(openNote(NOTE.replace('cryptography', 'cryptographY'), 'PeterNeumann', peter).ok).toBe(false);
  });

  it('signs a checkpoint the auditor opens with the public key only, and refuses it under any other key or edit', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const checkpoint = { origin: 'ledger.example/decisions', size: 42, rootHash: leafHash('x') };
    const note = signCheckpoint(checkpoint, checkpoint.origin, privateKey);
    expect(note.startsWith(checkpointBody(checkpoint))).toBe(true);
    expect(checkpointBody(checkpoint)).toBe(`ledger.example/decisions\n42\n${checkpoint.rootHash.toString('base64')}\n`);
    expect(openCheckpoint(note, checkpoint.origin, publicKey)).toMatchObject({ ok: true, checkpoint });

    const other = generateKeyPairSync('ed25519');
    expect(openCheckpoint(signCheckpoint(checkpoint, checkpoint.origin, other.privateKey), checkpoint.origin, publicKey)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no signature by the ledger'),
    });
    expect(openCheckpoint(note.replace('\n42\n', '\n43\n'), checkpoint.origin, publicKey)).toMatchObject({ ok: false });
    expect(openCheckpoint(note, 'another.example/log', publicKey).ok).toBe(false);
    expect(publicKeyFrom(verifierKey(checkpoint.origin, publicKey)).key.equals(publicKey)).toBe(true);
  });
});
