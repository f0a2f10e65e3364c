/** Where a fact comes from: a document, URL or minute reference, optionally pinned by a content hash. */
export interface Source {
  title: string;
  url?: string;
  reference?: string;
  contentHash?: string;
  /** A meeting or member the sources do not name, used only to illustrate. */
  illustrative?: boolean;
}

export type DateCertainty = 'exact' | 'approximate';

/** What every recorded fact carries besides its own data. */
export interface Provenance {
  source: Source;
  dateCertainty?: DateCertainty;
}
