import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { noteSigner, NoteSigner, VerifierKey } from '@ledger/transparency-log';
import { writeKeyFile } from '../config/keys-dir';
import { TransparencySettings } from './transparency.settings';

/**
 * The ledger's Ed25519 checkpoint key, in the keys folder (never the data folder, never the event store),
 * readable by its owner only; its public half is written into the data folder for auditors to take.
 */
export class LedgerSigningKey {
  constructor(
    readonly signer: NoteSigner,
    readonly publicKeyPem: string,
  ) {}

  /** The C2SP verifier key (`origin+keyid+base64(0x01 || key)`): what a policy's `log` line names. */
  get verifierKey(): VerifierKey {
    return this.signer.verifierKey;
  }

  get origin(): string {
    return this.signer.verifierKey.name;
  }

  describe() {
    const { verifierKey } = this;
    return {
      origin: this.origin,
      keyName: verifierKey.name,
      algorithm: 'Ed25519' as const,
      keyId: Buffer.from(verifierKey.keyId).toString('hex'),
      verifierKey: verifierKey.text,
      publicKeyPem: this.publicKeyPem,
    };
  }
}

/**
 * The one function the signing key is loaded through (made on first start). Another key custody (an HSM, a
 * key service shared by several nodes) replaces this function and nothing else.
 */
export async function loadSigningKey(settings: TransparencySettings): Promise<LedgerSigningKey> {
  const file = settings.signingKeyFile;
  if (!existsSync(file)) {
    try {
      writeKeyFile(file, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) throw new Error(`the signing key ${file} is readable by others: chmod 600 it`);
  const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const signer = await noteSigner(settings.origin, privateKey);
  const publicKeyPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }) as string;
  mkdirSync(dirname(settings.publicKeyFile), { recursive: true });
  if (!existsSync(settings.publicKeyFile) || readFileSync(settings.publicKeyFile, 'utf8') !== publicKeyPem) {
    writeFileSync(settings.publicKeyFile, publicKeyPem);
  }
  return new LedgerSigningKey(signer, publicKeyPem);
}
