import { FieldMap, Values } from '../workspace-forms';
import { Seat } from './meeting-desk';

/** Rows offered for declarations of interest: enough for an item; "Check" keeps what was typed. */
export const DECLARATION_ROWS = 3;
export const NO_VOTE = 'none';

/**
 * The item outcome form's inputs, by the fields of RecordItemOutcome they give: so a refusal naming
 * `votes[3]` or `decision.outcome` is shown beside the input that gave it.
 */
export function outcomeFieldMap(seats: readonly Seat[], values: Values): FieldMap {
  const fields: Record<string, string> = {
    'motion.wording': 'motion-wording',
    'motion.mover': 'motion-mover',
    'motion.seconder': 'motion-seconder',
    motion: 'motion-wording',
    'decision.outcome': 'outcome',
    'decision.resolution': 'resolution',
    'decision.castingVote': 'casting-vote',
    'decision.bodyId': 'deciding-body',
    decision: 'outcome',
    source: 'source-title',
  };
  declarationRows(values).forEach((row, index) => {
    fields[`declarations[${index}]`] = `declaration-${row}-member`;
    fields[`declarations[${index}].interest`] = `declaration-${row}-interest`;
    fields[`declarations[${index}].action`] = `declaration-${row}-action`;
  });
  votersOf(seats, values).forEach(({ membershipId }, index) => (fields[`votes[${index}]`] = `vote-${membershipId}`));
  return fields;
}

/** The declaration rows filled in, by their row number. */
function declarationRows(values: Values): number[] {
  return Array.from({ length: DECLARATION_ROWS }, (_, index) => index + 1).filter((row) => !!values[`declaration-${row}-member`]);
}

/** The seats given a vote on the form, in the grid's order. */
function votersOf(seats: readonly Seat[], values: Values): Seat[] {
  return seats.filter(({ membershipId }) => {
    const vote = values[`vote-${membershipId}`];
    return vote !== undefined && vote !== NO_VOTE;
  });
}

/** RecordItemOutcome's data from the form: declarations, the motion (if worded), the votes cast, the decision. */
export function outcomeData(
  meetingId: string,
  itemId: string,
  seats: readonly Seat[],
  values: Values,
  source: { title: string },
): Record<string, unknown> {
  const motionId = `${itemId}-motion`;
  const worded = !!values['motion-wording']?.trim();
  const casting = values['casting-vote'];
  return {
    meetingId,
    itemId,
    source,
    declarations: declarationRows(values).map((row) => ({
      membershipId: values[`declaration-${row}-member`],
      interest: values[`declaration-${row}-interest`] ?? '',
      action: values[`declaration-${row}-action`],
    })),
    ...(worded
      ? { motion: { motionId, wording: values['motion-wording'], mover: values['motion-mover'], seconder: values['motion-seconder'] } }
      : {}),
    votes: votersOf(seats, values).map(({ membershipId }) => ({ membershipId, vote: values[`vote-${membershipId}`] })),
    decision: {
      ...(values['deciding-body'] ? { bodyId: values['deciding-body'] } : {}),
      outcome: values.outcome,
      resolution: values.resolution ?? '',
      ...(casting === 'for' || casting === 'against' ? { castingVote: { membershipId: values['casting-chair'], vote: casting } } : {}),
    },
  };
}
