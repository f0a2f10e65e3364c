import { LedgerFact } from '../../projections/ledger-fact';
import { Instrument } from '../../delegations/delegation.events';
import { BodyKind } from '../../shared/vocabulary';

/**
 * Ledger facts for the authority tests, written directly (not through deciders): each call appends one
 * fact at the next position and returns its id.
 */
export class FactLog {
  readonly facts: LedgerFact[] = [];

  record(stream: string, type: string, data: Record<string, unknown>): string {
    const position = this.facts.length + 1;
    const id = `event-${position}`;
    this.facts.push({
      id,
      stream,
      type,
      data: { source: { title: 'test' }, ...data },
      position,
      recordedAt: `2024-01-01T00:00:${String(position % 60).padStart(2, '0')}Z`,
    });
    return id;
  }

  /** The facts as known at a position (the ledger's transaction time). */
  knownAt(position: number): LedgerFact[] {
    return this.facts.filter((fact) => fact.position <= position);
  }

  get head(): number {
    return this.facts.length;
  }

  establish(bodyId: string, kind: BodyKind, name: string, effective: string, odsCode?: string): string {
    return this.record(`body-${bodyId}`, 'BodyEstablished', { bodyId, kind, name, ...(odsCode ? { odsCode } : {}), areas: [], effective });
  }

  rename(bodyId: string, name: string, effective: string): string {
    return this.record(`body-${bodyId}`, 'BodyRenamed', { bodyId, name, effective });
  }

  dissolve(bodyId: string, effective: string): string {
    return this.record(`body-${bodyId}`, 'BodyDissolved', { bodyId, effective });
  }

  assign(
    bodyId: string,
    functions: string[],
    areas: string[],
    from: string,
    to: string | null = null,
    act = 'National Health Service Act 2006',
  ): string {
    return this.record(`body-${bodyId}`, 'StatutoryFunctionsAssigned', { bodyId, functions, areas, from, to, act });
  }

  grant(grant: {
    delegationId: string;
    delegator: string;
    delegate: string;
    functions: string[];
    areas: string[];
    from: string;
    to?: string | null;
    instrument?: Instrument;
    subDelegationAllowed?: boolean;
    parentDelegationId?: string;
  }): string {
    const { delegationId, delegator, delegate, functions, areas, from, to, instrument, subDelegationAllowed, parentDelegationId } = grant;
    return this.record(`delegation-${delegationId}`, 'DelegationGranted', {
      delegationId,
      delegatorBodyId: delegator,
      delegateBodyId: delegate,
      functions,
      areas,
      from,
      to: to ?? null,
      instrument: instrument ?? { kind: 'delegation-agreement', reference: `${delegationId} agreement` },
      subDelegationAllowed: subDelegationAllowed ?? false,
      ...(parentDelegationId ? { parentDelegationId } : {}),
    });
  }

  vary(
    delegationId: string,
    effective: string,
    terms: { functions?: string[]; areas?: string[]; to?: string | null; subDelegationAllowed?: boolean },
  ): string {
    return this.record(`delegation-${delegationId}`, 'DelegationVaried', { delegationId, effective, ...terms });
  }

  revoke(delegationId: string, effective: string): string {
    return this.record(`delegation-${delegationId}`, 'DelegationRevoked', { delegationId, effective });
  }

  merge(
    reorganisationId: string,
    predecessors: string[],
    successor: string,
    legalDate: string,
    grantedDelegations: 'carry-over' | 'lapse' = 'carry-over',
  ): string {
    return this.record(`reorganisation-${reorganisationId}`, 'MergerRecorded', {
      reorganisationId,
      predecessorBodyIds: predecessors,
      successorBodyId: successor,
      legalDate,
      grantedDelegations,
    });
  }

  transfer(
    reorganisationId: string,
    abolished: string[],
    receiving: string,
    legalDate: string,
    scope: { functions?: string[]; areas?: string[] } = {},
  ): string {
    return this.record(`reorganisation-${reorganisationId}`, 'TransferSchemeRecorded', {
      reorganisationId,
      abolishedBodyIds: abolished,
      receivingBodyId: receiving,
      legalDate,
      functions: scope.functions ?? 'all',
      areas: scope.areas ?? 'all',
      source: { title: 'Health and Care Act 2022', reference: 'NHS England transfer scheme 2022' },
    });
  }

  correct(stream: string, correctedEventId: string, correction: { changes?: Record<string, unknown>; withdrawn?: boolean }): string {
    return this.record(stream, 'FactCorrected', { correctedEventId, reason: 'test correction', ...correction });
  }
}

export const CHESHIRE_CCGS = {
  'eastern-cheshire-ccg': { name: 'NHS Eastern Cheshire CCG', ods: '01C', area: 'eastern-cheshire' },
  'south-cheshire-ccg': { name: 'NHS South Cheshire CCG', ods: '01R', area: 'south-cheshire' },
  'vale-royal-ccg': { name: 'NHS Vale Royal CCG', ods: '02D', area: 'vale-royal' },
  'west-cheshire-ccg': { name: 'NHS West Cheshire CCG', ods: '02F', area: 'west-cheshire' },
} as const;

export const CHESHIRE_AREAS = ['eastern-cheshire', 'south-cheshire', 'vale-royal', 'west-cheshire'];

/**
 * The Cheshire history of DOMAIN.md §6: NHS England holding primary medical services for all areas;
 * the four CCGs holding community health services, merged into NHS Cheshire CCG in 2020; the 2022
 * transfer scheme to the ICB; NHS England's delegations to the ICB in 2022 and 2023.
 */
export function cheshireHistory(log = new FactLog()) {
  const ids = {
    nhsEngland: log.establish('nhs-england', 'nhs-england', 'NHS England', '2013-04-01'),
    nhsEnglandPrimaryCare: log.assign(
      'nhs-england',
      ['primary-medical-services', 'pharmaceutical-services', 'general-ophthalmic-services', 'dental-services'],
      ['eastern-cheshire', 'south-cheshire', 'vale-royal', 'west-cheshire', 'wirral', 'liverpool'],
      '2013-04-01',
    ),
    ccgs: {} as Record<keyof typeof CHESHIRE_CCGS, { established: string; assigned: string }>,
    cheshireCcg: '',
    merger: '',
    icb: '',
    transfer: '',
    primaryMedical: '',
    primaryCare2023: '',
  };
  for (const [bodyId, { name, ods, area }] of Object.entries(CHESHIRE_CCGS) as [
    keyof typeof CHESHIRE_CCGS,
    (typeof CHESHIRE_CCGS)[keyof typeof CHESHIRE_CCGS],
  ][]) {
    ids.ccgs[bodyId] = {
      established: log.establish(bodyId, 'ccg', name, '2013-04-01', ods),
      assigned: log.assign(bodyId, ['community-health-services', 'acute-hospital-services'], [area], '2013-04-01'),
    };
  }
  ids.cheshireCcg = log.establish('nhs-cheshire-ccg', 'ccg', 'NHS Cheshire CCG', '2020-04-01', '27D');
  ids.merger = log.merge('cheshire-ccg-merger', Object.keys(CHESHIRE_CCGS), 'nhs-cheshire-ccg', '2020-04-01');
  ids.icb = log.establish('cheshire-and-merseyside-icb', 'icb', 'NHS Cheshire and Merseyside ICB', '2022-07-01', 'QYG');
  ids.transfer = log.transfer('cheshire-and-merseyside-transfer', ['nhs-cheshire-ccg'], 'cheshire-and-merseyside-icb', '2022-07-01');
  ids.primaryMedical = log.grant({
    delegationId: 'nhse-to-cm-icb-primary-medical',
    delegator: 'nhs-england',
    delegate: 'cheshire-and-merseyside-icb',
    functions: ['primary-medical-services'],
    areas: CHESHIRE_AREAS,
    from: '2022-07-01',
  });
  ids.primaryCare2023 = log.grant({
    delegationId: 'nhse-to-cm-icb-pod',
    delegator: 'nhs-england',
    delegate: 'cheshire-and-merseyside-icb',
    functions: ['pharmaceutical-services', 'general-ophthalmic-services', 'dental-services'],
    areas: CHESHIRE_AREAS,
    from: '2023-04-01',
  });
  return { log, ids };
}
