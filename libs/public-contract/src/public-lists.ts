import { BodyKind } from '@ledger/governance/shared/vocabulary';
import { CivilDate } from '@ledger/governance/shared/civil-date';
import type { PublicDecision, PublicDecisionSummary } from './public-rows';

/** How meetings on one day are ordered: by time, those without one last (the expression the index holds). */
export const MEETING_TIME = "coalesce(json_extract(meeting, '$.time'), '99:99')";

/**
 * The indexes the public site's lists read (decisions, meetings, bodies), so a list page reads an index, not
 * every row. Triggers keep them from the rows the ledger writes, except the decisions' filters: reading those
 * out of each decision's JSON in a trigger parsed it three times (10 of a full build's 80 s at 1 M events), so
 * the writer writes them beside the decision (`decisionFilters`). An INSERT OR REPLACE fires only the insert
 * trigger (recursive triggers are off), so each insert trigger first clears what the replaced row had.
 *
 * - Decisions, newest first, and their filters by place (area), function and outcome.
 * - Meetings by date and time, and by body.
 * - Bodies as a list shows them: name, kind, code, dates and parent, without their authority.
 */
export const PUBLIC_LISTS_SCHEMA = `
  CREATE INDEX IF NOT EXISTS public_decisions_date ON public_decisions (date DESC, decision_id);
  CREATE TABLE IF NOT EXISTS public_decision_filters (
    filter TEXT NOT NULL, value TEXT NOT NULL, date TEXT NOT NULL, decision_id TEXT NOT NULL,
    PRIMARY KEY (filter, value, date, decision_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS public_decision_filters_decision ON public_decision_filters (decision_id);
  CREATE TRIGGER IF NOT EXISTS public_decisions_filters_insert AFTER INSERT ON public_decisions BEGIN
    DELETE FROM public_decision_filters WHERE decision_id = new.decision_id;
  END;
  CREATE TRIGGER IF NOT EXISTS public_decisions_filters_delete AFTER DELETE ON public_decisions BEGIN
    DELETE FROM public_decision_filters WHERE decision_id = old.decision_id;
  END;

  CREATE INDEX IF NOT EXISTS public_meetings_when ON public_meetings (date, ${MEETING_TIME}, meeting_id);
  CREATE TABLE IF NOT EXISTS public_meeting_bodies (
    body_id TEXT NOT NULL, date TEXT NOT NULL, meeting_id TEXT NOT NULL, PRIMARY KEY (body_id, date, meeting_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS public_meeting_bodies_meeting ON public_meeting_bodies (meeting_id);
  CREATE TRIGGER IF NOT EXISTS public_meetings_bodies_insert AFTER INSERT ON public_meetings BEGIN
    DELETE FROM public_meeting_bodies WHERE meeting_id = new.meeting_id;
    INSERT OR IGNORE INTO public_meeting_bodies (body_id, date, meeting_id)
      SELECT value, new.date, new.meeting_id FROM json_each(new.meeting, '$.bodyIds');
  END;
  CREATE TRIGGER IF NOT EXISTS public_meetings_bodies_delete AFTER DELETE ON public_meetings BEGIN
    DELETE FROM public_meeting_bodies WHERE meeting_id = old.meeting_id;
  END;

  CREATE TABLE IF NOT EXISTS public_body_list (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, ods_code TEXT, parent_body_id TEXT,
    established TEXT NOT NULL, dissolved TEXT, cited_event TEXT
  ) STRICT;
  CREATE TRIGGER IF NOT EXISTS public_bodies_list_insert AFTER INSERT ON public_bodies BEGIN
    INSERT OR REPLACE INTO public_body_list (id, name, kind, ods_code, parent_body_id, established, dissolved, cited_event)
      VALUES (new.id, coalesce(json_extract(new.body, '$.names[#-1].name'), new.id), new.kind, new.ods_code,
        json_extract(new.body, '$.parentBodyId'), json_extract(new.body, '$.established'), json_extract(new.body, '$.dissolved'),
        json_extract(new.body, '$.citedEvents[0]'));
  END;
  CREATE TRIGGER IF NOT EXISTS public_bodies_list_delete AFTER DELETE ON public_bodies BEGIN
    DELETE FROM public_body_list WHERE id = old.id;
  END;
`;

/** The decision list's filters kept in `public_decision_filters`. */
export type DecisionListFilter = 'area' | 'function' | 'outcome';

/** A decision's entries in `public_decision_filters`: the places and functions of its item (or its own), and its outcome. */
export function decisionFilters(decision: PublicDecision, summary: PublicDecisionSummary): [DecisionListFilter, string][] {
  const { areas, functions } = decision.kind === 'meeting' ? decision.item : decision;
  return [
    ...[...new Set(areas)].map((area): [DecisionListFilter, string] => ['area', area]),
    ...[...new Set(functions)].map((fn): [DecisionListFilter, string] => ['function', fn]),
    ['outcome', summary.outcome],
  ];
}

/** A body as a list shows it, from `public_body_list`. */
export interface PublicBodyListing {
  id: string;
  name: string;
  kind: BodyKind;
  odsCode?: string;
  parentBodyId?: string;
  established: CivilDate;
  dissolved: CivilDate | null;
  /** The fact that established it, to cite. */
  citedEvent?: string;
}
