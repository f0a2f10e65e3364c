import { keyPlaces } from '../config/ledger.config';
import { moveSecrets } from '../config/keys-dir';

/** `npm run ledger -- keys move`: the private keys of an older layout, moved out of the data folder into LEDGER_KEYS_DIR. */
export function moveKeys(out: (line: string) => void): number {
  const places = keyPlaces();
  const { moved } = moveSecrets(places);
  if (moved.length === 0) out(`no private key in ${places.dataDir}: nothing to move (the keys are in ${places.keysDir})`);
  for (const [from, to] of moved) out(`moved ${from} to ${to}`);
  return 0;
}
