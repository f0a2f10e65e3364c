import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseVerifierKey, VerifierKey } from '@ledger/transparency-log';
import { isInside, keysDirBeside, prepareKeysDir } from '../../ledger/src/config/keys-dir';
import { listeningHost, listeningUrl } from '@ledger/public-contract';
import { Witness } from './witness';
import { loadWitnessKey } from './witness-key';
import { witnessServer } from './witness-server';
import { WitnessStore } from './witness-store';

/**
 * `npm run start:witness`: a C2SP tlog-witness that Healthwatch, an auditor or a regulator can run beside the
 * ledger. WITNESS_PORT (default 3002), HOST (default 127.0.0.1), WITNESS_DATA_DIR (./witness-data), WITNESS_KEYS_DIR (keys beside it),
 * WITNESS_NAME (its key name), WITNESS_LOGS (the verifier keys of the logs it witnesses, comma-separated: the
 * ledger's is at GET /ledger/public-key) or WITNESS_LOGS_FILE (one a line).
 */
async function main(): Promise<void> {
  const port = Number(process.env.WITNESS_PORT ?? 3002);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`WITNESS_PORT must be a port number, got "${process.env.WITNESS_PORT}"`);
  const host = listeningHost();
  const dataDir = resolve(process.env.WITNESS_DATA_DIR ?? './witness-data');
  const keysDir = resolve(process.env.WITNESS_KEYS_DIR ?? keysDirBeside(dataDir));
  const name = process.env.WITNESS_NAME ?? 'witness.localhost';
  const listed = process.env.WITNESS_LOGS_FILE ? readFileSync(process.env.WITNESS_LOGS_FILE, 'utf8') : (process.env.WITNESS_LOGS ?? '');
  const logs: VerifierKey[] = [];
  for (const vkey of listed
    .split(/[,\n]/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#')))
    logs.push(await parseVerifierKey(vkey));
  if (logs.length === 0)
    throw new Error(
      'WITNESS_LOGS names no log: give the verifier key of each log to witness (the ledger serves its own at GET /ledger/public-key)',
    );
  const keyFile = resolve(process.env.WITNESS_KEY_FILE ?? join(keysDir, 'witness.key'));
  // As for the ledger: whoever holds a copy of the witness's data must not hold its key.
  if (isInside(dataDir, keyFile))
    throw new Error(`the witness key ${keyFile} is inside its data folder ${dataDir}: keep it in WITNESS_KEYS_DIR`);
  prepareKeysDir(dirname(keyFile));
  const signer = await loadWitnessKey(keyFile, name);
  const store = new WitnessStore(dataDir);
  const server = witnessServer(new Witness(store, signer, logs)).listen(port, host, () =>
    console.log(
      `witness ${signer.verifierKey.text} listening on ${listeningUrl(host, port)}, witnessing ${logs.map((log) => log.name).join(', ')}`,
    ),
  );
  const stop = () => server.close(() => (store.close(), process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`witness: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
