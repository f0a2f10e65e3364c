import { CorrectionEvent, FactSource, FactSources, LedgerFact, provenanceOf } from '@ledger/governance';

/**
 * Every fact's provenance as known at any position, kept as facts arrive: each fact's own from its
 * position, and, from a correction's position, the fact as corrected (so a basis before a correction
 * shows the fact as it then stood). The same fact given twice (two fact logs hold it) is kept once.
 */
export class FactSourceIndex {
  private readonly versions = new Map<string, { from: number; source: FactSource }[]>();
  private readonly asCorrected = new Map<string, LedgerFact>();

  constructor(facts: readonly LedgerFact[] = []) {
    for (const fact of facts) this.add(fact);
  }

  add(fact: LedgerFact): void {
    if (this.versions.has(fact.id)) return;
    this.versions.set(fact.id, [{ from: fact.position, source: provenanceOf(fact) }]);
    this.asCorrected.set(fact.id, fact);
    if (fact.type !== 'FactCorrected') return;
    const { correctedEventId, changes } = fact.data as CorrectionEvent['data'];
    const original = this.asCorrected.get(correctedEventId);
    if (!changes || !original) return;
    const corrected = { ...original, data: { ...(original.data as Record<string, unknown>), ...changes } };
    this.asCorrected.set(correctedEventId, corrected);
    this.versions.get(correctedEventId)!.push({ from: fact.position, source: provenanceOf(corrected) });
  }

  /** The sources as known at `position`. */
  at(position: number): FactSources {
    return {
      get: (id) => {
        const versions = this.versions.get(id);
        if (!versions) return undefined;
        for (let index = versions.length - 1; index >= 0; index--) if (versions[index].from <= position) return versions[index].source;
        return undefined;
      },
    };
  }
}
