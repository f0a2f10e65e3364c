import { ARRANGEMENT_KINDS } from '@ledger/governance';
import { SEEDED, useSeededLedger } from './seeded-ledger';

/**
 * A body's own page answers which arrangements it took part in (joint management, joint committees,
 * committees in common, partnerships, pooled budgets, shared teams), with their dates and sources, beside its lineage:
 * "was Halton CCG ever merged with Warrington?" is answered from Halton's page. Asked over HTTP on a
 * freshly seeded ledger; the expected dates are the seed's own.
 */
interface Provenance {
  approximate: boolean;
  facts: { event: string; source: { title: string } }[];
}
interface Arrangement {
  bodyId: string;
  kind: string;
  name: string;
  from: string;
  to: string | null;
  seats: { membershipId: string; from: string; to: string | null; provenance: Provenance }[];
  otherParties: { bodyId: string; name: string; from: string; to: string | null }[];
  delegations: { delegationId: string; functions: string[]; from: string; to: string | null; provenance: Provenance }[];
  provenance: Provenance;
}

/** The seed's line (1-based: its position in a freshly seeded ledger) recording a command, and its data. */
function seeded(command: string, matches: (data: Record<string, unknown>) => boolean): { position: number; data: Record<string, unknown> } {
  const index = SEEDED.findIndex((line) => line.command === command && matches(line.data));
  if (index < 0) throw new Error(`the seed records no ${command} like that`);
  return { position: index + 1, data: SEEDED[index].data };
}
const establishment = (bodyId: string) => seeded('EstablishBody', (data) => data.bodyId === bodyId);
const seat = (arrangement: string, party: string) =>
  seeded('AppointMember', (data) => data.bodyId === arrangement && data.onBehalfOfBodyId === party);
const dissolution = (bodyId: string) => SEEDED.find((line) => line.command === 'DissolveBody' && line.data.bodyId === bodyId)?.data;

const HALTON = 'nhs-halton-ccg';
const HALTON_AND_WARRINGTON = 'halton-and-warrington-ccgs-joint-management-team';

describe('a body’s arrangements on its own page (GET /bodies/:id)', () => {
  const { get } = useSeededLedger();
  const arrangements = async (bodyId: string, asKnownAt?: number): Promise<Arrangement[]> =>
    (await get(`/bodies/${bodyId}${asKnownAt === undefined ? '' : `?asKnownAt=${asKnownAt}`}`)).arrangements;

  it('Halton CCG shared a management team with Warrington CCG, dated as the seed dates it, and was never merged with it', async () => {
    const body = await get(`/bodies/${HALTON}`);
    const shared = (body.arrangements as Arrangement[]).find((one) => one.bodyId === HALTON_AND_WARRINGTON);
    const { data } = seat(HALTON_AND_WARRINGTON, HALTON);
    expect(shared).toMatchObject({
      kind: 'joint-management',
      name: establishment(HALTON_AND_WARRINGTON).data.name,
      from: data.from,
      to: data.to,
      otherParties: [{ bodyId: 'nhs-warrington-ccg', name: 'NHS Warrington CCG' }],
    });
    // The source gives the month, not the day: the answer says so, and cites the seat and the arrangement's establishment.
    expect(shared!.provenance.approximate).toBe(true);
    const cited = shared!.provenance.facts.map((fact) => fact.source.title);
    expect(cited).toContain((data.source as { title: string }).title);
    expect(cited).toContain((establishment(HALTON_AND_WARRINGTON).data.source as { title: string }).title);
    // Its lineage holds the 2022 transfer scheme alone: no merger with Warrington, either way.
    const lineage = [...body.lineage.predecessors, ...body.lineage.successors] as { bodyId: string; kind: string }[];
    expect(lineage.filter((link) => link.bodyId === 'nhs-warrington-ccg' || link.kind === 'merger')).toEqual([]);
  });

  it('an arrangement’s dates lie within its own life, closed-open', async () => {
    const shared = (await arrangements(HALTON)).find((one) => one.bodyId === HALTON_AND_WARRINGTON)!;
    expect(shared.to).toBe(dissolution(HALTON_AND_WARRINGTON)?.effective);
    expect(shared.from >= (establishment(HALTON_AND_WARRINGTON).data.effective as string)).toBe(true);
  });

  it('the joint committee Halton took part in lists the authority Halton delegated to it', async () => {
    const committee = (await arrangements(HALTON)).find((one) => one.kind === 'joint-committee')!;
    const granted = SEEDED.filter(
      (line) => line.command === 'GrantDelegation' && line.data.delegatorBodyId === HALTON && line.data.delegateBodyId === committee.bodyId,
    );
    expect(granted.length).toBeGreaterThan(0);
    expect(committee.delegations.map(({ delegationId, functions, from, to }) => ({ delegationId, functions, from, to }))).toEqual(
      granted.map(({ data }) => ({ delegationId: data.delegationId, functions: data.functions, from: data.from, to: data.to ?? null })),
    );
    // The other eight CCGs of the joint committee, by name.
    const parties = SEEDED.filter(
      (line) =>
        line.command === 'AppointMember' &&
        line.data.bodyId === committee.bodyId &&
        line.data.onBehalfOfBodyId !== undefined &&
        line.data.onBehalfOfBodyId !== HALTON,
    ).map((line) => line.data.onBehalfOfBodyId);
    expect(committee.otherParties.map((party) => party.bodyId).sort()).toEqual([...new Set(parties)].sort());
  });

  it.each([
    [
      'nhs-vale-royal-ccg',
      [
        'south-cheshire-and-vale-royal-ccgs-shared-management-team',
        'cheshire-joint-commissioning-committee',
        'cheshire-joint-strategic-leadership-group',
      ],
    ],
    [
      'nhs-wirral-ccg',
      [
        'wirral-health-and-care-commissioning',
        'wirral-health-and-care-commissioning-pooled-fund',
        'wirral-joint-strategic-commissioning-board',
        'wirral-joint-health-and-care-commissioning-executive-group',
        'healthy-wirral-partners-board',
        'cheshire-and-merseyside-ccgs-joint-committee',
      ],
    ],
  ])('%s lists each arrangement the seed records it in, in the order they began', async (bodyId, expected) => {
    const listed = await arrangements(bodyId);
    expect(listed.map((one) => one.bodyId).sort()).toEqual([...expected].sort());
    expect(listed.map((one) => one.from)).toEqual(listed.map((one) => one.from).sort());
    for (const one of listed) {
      // Each as the seed records it: its kind, and the first of the body's seats in it.
      expect(one.kind).toBe(establishment(one.bodyId).data.kind);
      expect(one.from).toBe(seat(one.bodyId, bodyId).data.from);
      expect(one.seats.every((held) => held.provenance.facts.length > 0)).toBe(true);
    }
  });

  it('a seat on a body that is not an arrangement (a Health and Wellbeing Board) is a membership, not an arrangement', async () => {
    const board = seat('wirral-health-and-wellbeing-board', 'nhs-wirral-ccg');
    expect(ARRANGEMENT_KINDS).not.toContain(establishment(board.data.bodyId as string).data.kind);
    expect((await arrangements('nhs-wirral-ccg')).map((one) => one.bodyId)).not.toContain('wirral-health-and-wellbeing-board');
  });

  it('a body taking part in no arrangement answers an empty list', async () => {
    expect(SEEDED.some((line) => line.data.onBehalfOfBodyId === 'nhs-england')).toBe(false);
    expect(await arrangements('nhs-england')).toEqual([]);
  });

  it('as known before the body’s seat was recorded, the arrangement is not listed; from then on it is', async () => {
    const { position } = seat(HALTON_AND_WARRINGTON, HALTON);
    expect((await arrangements(HALTON, position - 1)).map((one) => one.bodyId)).not.toContain(HALTON_AND_WARRINGTON);
    expect((await arrangements(HALTON, position)).map((one) => one.bodyId)).toContain(HALTON_AND_WARRINGTON);
    // Before the arrangement itself was recorded, neither party lists it.
    const before = establishment(HALTON_AND_WARRINGTON).position - 1;
    expect((await arrangements('nhs-warrington-ccg', before)).map((one) => one.bodyId)).not.toContain(HALTON_AND_WARRINGTON);
  });
});
