import { LedgerScript } from '../body-register/ledger-script.testing';
import { AnswerProvenance, factSources, provenanceMark, withProvenance } from './fact-provenance';

type Cited = { provenance: AnswerProvenance };

const documented = { title: 'Wirral report 9 Nov 2020', reference: '§3.2.2' };

describe('provenance of answers', () => {
  const script = () => {
    const log = new LedgerScript();
    const established = log.record('body-a', 'BodyEstablished', { bodyId: 'a', effective: '2013-04-01', source: documented });
    const seat = log.record('body-a', 'MemberAppointed', {
      membershipId: 'seat',
      source: { title: 'Illustrative seats', illustrative: true },
      dateCertainty: 'approximate',
    });
    return { log, established, seat };
  };

  it('gives each cited fact its source, and flags the node when any fact is approximate or illustrative', () => {
    const { log, established, seat } = script();
    const answer = { body: { id: 'a', citedEvents: [established] }, memberships: [{ id: 'seat', citedEvents: [established, seat] }] };
    const cited = withProvenance(answer, factSources(log.facts)) as unknown as { body: Cited; memberships: Cited[] };
    expect(cited.body).toMatchObject({
      provenance: { approximate: false, illustrative: false, facts: [{ event: established, position: 1, source: documented }] },
    });
    expect(cited.memberships[0]).toMatchObject({
      provenance: {
        approximate: true,
        illustrative: true,
        facts: [{ event: established }, { event: seat, approximate: true, illustrative: true }],
      },
    });
    expect(provenanceMark(cited.memberships[0].provenance)).toBe('~†');
    expect(provenanceMark(cited.body.provenance)).toBe('');
  });

  it('leaves the answer it was given unchanged, and nodes without citedEvents without provenance', () => {
    const { log, established } = script();
    const answer = { asKnownAt: { position: 2 }, body: { citedEvents: [established] } };
    const cited = withProvenance(answer, factSources(log.facts));
    expect(answer.body).toEqual({ citedEvents: [established] });
    expect(cited.asKnownAt).toEqual({ position: 2 });
  });

  it('reads a fact as its corrections leave it, and cites the correction with its own source', () => {
    const { log, seat } = script();
    const correction = log.record('body-a', 'FactCorrected', {
      correctedEventId: seat,
      reason: 'the minutes give the day',
      changes: { dateCertainty: 'exact' },
      source: documented,
    });
    const sources = factSources(log.facts);
    expect(sources.get(seat)).toMatchObject({ approximate: false, illustrative: true });
    expect(sources.get(correction)).toMatchObject({ source: documented, approximate: false });
    // As known before the correction, the fact is still approximate.
    expect(factSources(log.knownAt(2)).get(seat)).toMatchObject({ approximate: true });
  });

  it('looks a fact up in each index given, the first that knows it', () => {
    const { log, established } = script();
    const other = new LedgerScript();
    other.record('meeting-m', 'MeetingConvened', { meetingId: 'm', source: { title: 'minutes' } });
    const cited = withProvenance({ citedEvents: ['e1', 'missing'] }, factSources(other.facts), factSources(log.facts)) as unknown as Cited;
    // e1 is a fact of both scripts: the first index answers; an id no index knows is left out.
    expect(cited.provenance.facts.map((fact) => [fact.event, fact.source.title])).toEqual([[established, 'minutes']]);
  });
});
