import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TRANSPARENCY_FILE, TransparencyView } from '@ledger/public-contract';

/**
 * What the ledger publishes of its transparency log for the site (transparency.json in the data folder): the
 * newest checkpoint, who cosigned it and when, the witnesses and the ledger's policy. Read again when it changes.
 */
export class PublishedCheckpoint {
  private kept?: { version: string; view: TransparencyView };

  constructor(private readonly dataDir: string) {}

  /** The view and a version that changes with it; undefined until the ledger has written it. */
  current(): { version: string; view: TransparencyView } | undefined {
    const file = join(this.dataDir, TRANSPARENCY_FILE);
    let version: string;
    try {
      const stat = statSync(file);
      version = `${stat.mtimeMs}-${stat.size}`;
    } catch {
      return undefined;
    }
    if (this.kept?.version !== version) {
      try {
        this.kept = { version, view: JSON.parse(readFileSync(file, 'utf8')) as TransparencyView };
      } catch {
        return this.kept;
      }
    }
    return this.kept;
  }
}
