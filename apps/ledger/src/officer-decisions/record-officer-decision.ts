import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OfficerDecisionCommand } from '@ledger/governance/officer-decisions/officer-decision.commands';
import { delegationStream, evolveDelegation } from '@ledger/governance/delegations/delegation.decider';
import { DelegationState, GrantedDelegation } from '@ledger/governance/delegations/delegation.state';
import { officerDecisionDecider, officerDecisionStream } from '@ledger/governance/officer-decisions/officer-decision.decider';
import { Recording } from '../access/actor';
import { AccessPolicy } from '../access/access-policy';
import { BodyDirectory } from '../recording/body-directory';
import { LedgerWriter, RecordedFacts } from '../recording/ledger-writer';

export class RecordOfficerDecision {
  constructor(
    readonly command: OfficerDecisionCommand,
    readonly recording: Recording,
  ) {}
}

/** The cited delegation as its stream stands corrected: a withdrawn grant is no delegation. */
const DELEGATION = { evolve: evolveDelegation, initialState: (): DelegationState => ({ recorded: false }) };

/** Officers of the body on whose behalf the decision was taken (or of a body it is a committee of) record it. */
@CommandHandler(RecordOfficerDecision)
export class RecordOfficerDecisionHandler implements ICommandHandler<RecordOfficerDecision, RecordedFacts> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly directory: BodyDirectory,
    private readonly access: AccessPolicy,
  ) {}

  async execute({ command, recording }: RecordOfficerDecision): Promise<RecordedFacts> {
    const { decisionId, bodyId, delegationRelied } = command.data;
    await this.access.assertMayRecordFor(recording.actor, [bodyId]);
    const bodies = await this.directory.load([bodyId]);
    const delegations = new Map<string, GrantedDelegation>();
    if (delegationRelied.delegationId) {
      const { state: delegation } = await this.writer.load(delegationStream(delegationRelied.delegationId), DELEGATION);
      if (delegation.recorded) delegations.set(delegationRelied.delegationId, delegation);
    }
    return this.writer.record({
      stream: officerDecisionStream(decisionId),
      decider: officerDecisionDecider,
      command,
      recording,
      context: { bodies, delegations },
    });
  }
}
