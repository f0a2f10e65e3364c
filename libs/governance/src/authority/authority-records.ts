import { nameIndexOn, namesInEffectOrder, bodyEnd } from '../bodies/body-life';
import { evolveBody } from '../bodies/body.evolve';
import { BodyEvent } from '../bodies/body.events';
import { BodyState, EstablishedBody } from '../bodies/body.state';
import { withCorrectionsApplied } from '../corrections/correction';
import { foldEvents } from '../decider';
import { evolveDelegation } from '../delegations/delegation.evolve';
import { DelegationEvent, Instrument } from '../delegations/delegation.events';
import {
  DelegationState,
  GrantedDelegation,
  TermsInForce,
  termsOverTime,
  Variation,
  variationsInEffectOrder,
} from '../delegations/delegation.state';
import { factSources, FactSources } from '../projections/fact-provenance';
import { LedgerFact } from '../projections/ledger-fact';
import { evolveReorganisation } from '../reorganisations/reorganisation.evolve';
import { ReorganisationEvent } from '../reorganisations/reorganisation.events';
import { RecordedReorganisation, ReorganisationState } from '../reorganisations/reorganisation.state';
import { CivilDate } from '../shared/civil-date';
import { Interval } from '../shared/interval';
import { BodyKind, CommissioningFunction, FUNCTIONS } from '../shared/vocabulary';

/**
 * What the authority model holds (see authority-model.ts): the bodies, holdings, delegations and
 * reorganisations of the facts up to a basis, each stream folded by its own evolve, indexed by
 * (function, area).
 */

export interface BodyRef {
  readonly id: string;
  /** The name the body bore on the date asked about. */
  readonly name: string;
  readonly kind: BodyKind;
  readonly odsCode: string | null;
}

export type AuthorityBasis = 'statutory' | 'succession' | 'transfer-scheme' | 'delegation' | 'sub-delegation';

/** Answers share their parts with the model's memo: treat them as immutable. */
export interface ChainLink {
  readonly body: BodyRef;
  readonly basis: AuthorityBasis;
  readonly instrument: Instrument | null;
  readonly from: CivilDate;
  readonly to: CivilDate | null;
  /** Ids of the events the link rests on. */
  readonly citedEvents: readonly string[];
}

export interface Authority {
  readonly accountable: BodyRef | null;
  readonly exercisedBy: BodyRef | null;
  /** From the accountable body to the body that exercised the function. */
  readonly chain: readonly ChainLink[];
}

export type AuthoritySegment = Interval & Authority;

/** A fact's event id and ledger position: the model folds ledger facts, which always have them. */
interface InLedger {
  eventId: string;
  position: number;
}

export interface RecordedBody {
  id: string;
  kind: BodyKind;
  odsCode: string | null;
  established: CivilDate;
  dissolved: CivilDate | null;
  /** In effect order (see `namesInEffectOrder`), each with its reference. */
  names: { effective: CivilDate; ref: BodyRef }[];
  holdings: Holding[];
  /** Its dissolution or the legal date of the reorganisation that ended it, the earlier. */
  end: CivilDate | null;
  /** Reorganisations taking effect on `end` that name the body, in recording order. */
  endings: Reorganisation[];
}

export interface Holding extends InLedger {
  bodyId: string;
  functions: readonly string[];
  areas: readonly string[];
  from: CivilDate;
  to: CivilDate | null;
  act: string;
}

export type Reorganisation = RecordedReorganisation & InLedger;

export interface RecordedDelegation {
  delegation: GrantedDelegation & InLedger;
  /** In effect order. */
  variations: (Variation & { eventId: string })[];
  stretches: TermsInForce[];
}

/** By function, then area. */
export type PairIndex<T> = Map<string, Map<string, T[]>>;

export interface AuthorityModel {
  readonly bodies: ReadonlyMap<string, RecordedBody>;
  readonly delegations: ReadonlyMap<string, RecordedDelegation>;
  readonly holdings: PairIndex<Holding>;
  readonly delegationsCovering: PairIndex<RecordedDelegation>;
  /** Timelines worked out so far. */
  readonly timelines: PairIndex<AuthoritySegment>;
  /** Where each fact the model rests on comes from, for the provenance of answers. */
  readonly sources: FactSources;
}

export function isKnownFunction(value: string): value is CommissioningFunction {
  return (FUNCTIONS as readonly string[]).includes(value);
}

export function buildAuthorityModel(facts: readonly LedgerFact[]): AuthorityModel {
  const streams = new Map<string, LedgerFact[]>();
  for (const fact of facts) {
    const { stream } = fact;
    if (!stream.startsWith('body-') && !stream.startsWith('delegation-') && !stream.startsWith('reorganisation-')) continue;
    const events = streams.get(stream);
    if (events) events.push(fact);
    else streams.set(stream, [fact]);
  }
  const bodies = new Map<string, RecordedBody>();
  const delegations = new Map<string, RecordedDelegation>();
  const reorganisations: Reorganisation[] = [];
  for (const [stream, events] of streams) {
    const corrected = withCorrectionsApplied(events);
    if (stream.startsWith('body-')) {
      const body = foldEvents<BodyState, BodyEvent>(corrected as unknown as BodyEvent[], evolveBody, { recorded: false });
      if (body.recorded) bodies.set(body.bodyId, recordedBody(body));
    } else if (stream.startsWith('delegation-')) {
      const delegation = foldEvents<DelegationState, DelegationEvent>(corrected as unknown as DelegationEvent[], evolveDelegation, {
        recorded: false,
      });
      if (delegation.recorded) delegations.set(delegation.delegationId, recordedDelegation(delegation));
    } else {
      const reorganisation = foldEvents<ReorganisationState, ReorganisationEvent>(
        corrected as unknown as ReorganisationEvent[],
        evolveReorganisation,
        { recorded: false },
      );
      if (reorganisation.recorded) reorganisations.push(inLedger(reorganisation));
    }
  }
  endBodies(bodies, reorganisations);
  return { bodies, delegations, ...byPair(bodies, delegations), timelines: new Map(), sources: factSources(facts) };
}

/** The reference of the body as named on `at` (before establishment: its first name). */
export function bodyRefOn(body: RecordedBody, at: CivilDate): { ref: BodyRef; name: number } {
  const name = nameIndexOn(body.names, at);
  return { ref: body.names[name].ref, name };
}

function inLedger<Part extends { eventId?: string; position?: number }>(part: Part): Part & InLedger {
  if (part.position === undefined) throw new Error('the authority model folds ledger facts, with their positions');
  eventIdOf(part);
  return part as Part & InLedger;
}

function eventIdOf({ eventId }: { eventId?: string }): string {
  if (eventId === undefined) throw new Error('the authority model folds ledger facts, with their ids');
  return eventId;
}

function recordedBody(body: EstablishedBody): RecordedBody {
  const { bodyId: id, kind, established, dissolved } = body;
  const odsCode = body.odsCode ?? null;
  return {
    id,
    kind,
    odsCode,
    established,
    dissolved,
    names: namesInEffectOrder(body).map(({ effective, name }) => ({ effective, ref: Object.freeze({ id, name, kind, odsCode }) })),
    holdings: body.statutoryFunctions.map((holding) => {
      const { eventId, position, functions, areas, from, to, act } = inLedger(holding);
      return { eventId, position, bodyId: id, functions, areas, from, to: to ?? null, act };
    }),
    end: null,
    endings: [],
  };
}

function recordedDelegation(delegation: GrantedDelegation): RecordedDelegation {
  return {
    delegation: inLedger(delegation),
    variations: variationsInEffectOrder(delegation).map((variation) => ({
      ...variation,
      eventId: eventIdOf(variation),
    })),
    stretches: termsOverTime(delegation),
  };
}

/** Each body's end (see `bodyEnd`), and the reorganisations taking effect on it, in ledger order. */
function endBodies(bodies: Map<string, RecordedBody>, reorganisations: Reorganisation[]): void {
  const ending = new Map<string, Reorganisation[]>();
  for (const reorganisation of [...reorganisations].sort((a, b) => a.position - b.position)) {
    for (const bodyId of reorganisation.endedBodyIds) ending.set(bodyId, [...(ending.get(bodyId) ?? []), reorganisation]);
  }
  for (const body of bodies.values()) {
    const endedBy = ending.get(body.id) ?? [];
    body.end = bodyEnd(
      body.dissolved,
      endedBy.map((reorganisation) => reorganisation.legalDate),
    );
    body.endings = endedBy.filter((reorganisation) => reorganisation.legalDate === body.end);
  }
}

/** Holdings and delegations by each (function, area) they cover. */
function byPair(bodies: ReadonlyMap<string, RecordedBody>, delegations: ReadonlyMap<string, RecordedDelegation>) {
  const holdings: PairIndex<Holding> = new Map();
  for (const body of bodies.values()) {
    for (const holding of body.holdings) {
      for (const fn of holding.functions) for (const area of holding.areas) addOnce(holdings, fn, area, holding);
    }
  }
  const delegationsCovering: PairIndex<RecordedDelegation> = new Map();
  for (const recorded of delegations.values()) {
    for (const stretch of recorded.stretches) {
      for (const fn of stretch.functions) for (const area of stretch.areas) addOnce(delegationsCovering, fn, area, recorded);
    }
  }
  return { holdings, delegationsCovering };
}

function addOnce<T>(index: PairIndex<T>, fn: string, area: string, value: T): void {
  let byArea = index.get(fn);
  if (!byArea) index.set(fn, (byArea = new Map()));
  const values = byArea.get(area);
  if (!values) byArea.set(area, [value]);
  else if (values[values.length - 1] !== value) values.push(value);
}
