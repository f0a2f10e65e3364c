import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * What wraps the data keys of confidential content. It is never in the event store, so a copy of the
 * events (a backup, an auditor's offline copy) opens nothing; a cloud KMS can implement the same two calls.
 */
export interface MasterKey {
  wrap(dataKey: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
  /** A keyed digest (HMAC-SHA256): what may go into the log about content without revealing it. */
  mac(bytes: Buffer): Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 256-bit master key in a file of its own (created with mode 0600 on first start), wrapping with AES-256-GCM. */
export class FileMasterKey implements MasterKey {
  private readonly key: Buffer;

  constructor(file: string) {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      // `wx`: two processes starting at once must not each write a different key.
      try {
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    this.key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (this.key.length !== 32) throw new Error(`the master key in ${file} is not 32 bytes of base64`);
  }

  wrap(dataKey: Buffer): Buffer {
    return aesGcmSeal(this.key, dataKey, Buffer.from('ledger-data-key'));
  }

  unwrap(wrapped: Buffer): Buffer {
    return aesGcmOpen(this.key, wrapped, Buffer.from('ledger-data-key'));
  }

  mac(bytes: Buffer): Buffer {
    // A key of its own for MACs, derived from the master key, never the wrapping key itself.
    const macKey = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), 'ledger-command-mac', 32));
    return createHmac('sha256', macKey).update(bytes).digest();
  }
}

/** iv ‖ tag ‖ ciphertext, authenticated together with `aad`. */
export function aesGcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the bytes were not sealed by `key` with `aad`. */
export function aesGcmOpen(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed bytes too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
