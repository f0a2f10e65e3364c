import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyId, verifierKey } from '@ledger/transparency-log';
import { TransparencySettings } from './transparency.settings';

/**
 * The ledger's Ed25519 checkpoint key: created on first start, kept in a file of its own beside the
 * data (never in the event store, so a copy of the ledger handed to an auditor need not carry it),
 * readable by its owner only. The public half is written beside it for auditors to take.
 */
export class LedgerSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;

  constructor(readonly settings: TransparencySettings) {
    const file = settings.signingKeyFile;
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
      try {
        writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process created it first: use theirs.
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
      }
    }
    this.privateKey = createPrivateKey(readFileSync(file, 'utf8'));
    if (this.privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
    this.publicKey = createPublicKey(this.privateKey);
    const publicPem = this.publicKey.export({ format: 'pem', type: 'spki' }) as string;
    if (!existsSync(settings.publicKeyFile) || readFileSync(settings.publicKeyFile, 'utf8') !== publicPem) {
      writeFileSync(settings.publicKeyFile, publicPem);
    }
  }

  get keyName(): string {
    return this.settings.origin;
  }

  describe() {
    return {
      origin: this.settings.origin,
      keyName: this.keyName,
      algorithm: 'Ed25519',
      keyId: keyId(this.keyName, this.publicKey).toString('hex'),
      verifierKey: verifierKey(this.keyName, this.publicKey),
      publicKeyPem: this.publicKey.export({ format: 'pem', type: 'spki' }) as string,
    };
  }
}
