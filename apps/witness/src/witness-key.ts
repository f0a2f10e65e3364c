import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { ED25519_COSIGNATURE_V1, NoteSigner, parseSignerKey, signerKeyText } from '@ledger/transparency-log';
import { writeKeyFile } from '../../ledger/src/config/keys-dir';

/**
 * The witness's own Ed25519 key, in the text form of Go's sumdb/note and transparency-dev's witnesses
 * (`PRIVATE+KEY+<name>+<key ID>+base64(0x04 || seed)`), made on first start in its keys folder (0600), never in
 * its data folder. A key of type 0x01 is taken too, cosigning under the 0x04 key ID.
 */
export async function loadWitnessKey(file: string, name: string): Promise<NoteSigner> {
  if (!existsSync(file)) {
    try {
      writeKeyFile(file, await signerKeyText(name, randomBytes(32), ED25519_COSIGNATURE_V1));
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) throw new Error(`the witness key ${file} is readable by others: chmod 600 it`);
  const signer = await parseSignerKey(readFileSync(file, 'utf8'), ED25519_COSIGNATURE_V1);
  if (signer.verifierKey.name !== name)
    throw new Error(`the witness key ${file} is named ${signer.verifierKey.name}, not WITNESS_NAME ${name}`);
  return signer;
}
