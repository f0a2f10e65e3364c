import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DelegationCommand } from '@ledger/governance/delegations/delegation.commands';
import {
  delegationBodiesNamedBy,
  delegationDecider,
  DelegationDecisionState,
  delegationStream,
  parentDelegationNamedBy,
} from '@ledger/governance/delegations/delegation.decider';
import { DelegationState } from '@ledger/governance/delegations/delegation.state';
import { Recording } from '../access/actor';
import { AccessPolicy } from '../access/access-policy';
import { BodyDirectory } from '../recording/body-directory';
import { LedgerWriter, RecordedFacts } from '../recording/ledger-writer';

export class RecordDelegationFact {
  constructor(
    readonly command: DelegationCommand,
    readonly recording: Recording,
  ) {}
}

/**
 * Delegations are recorded by the delegator's officers. A variation or revocation names only the
 * delegation, so its stream is read first to learn the delegator (and the parent of a sub-delegation);
 * the events are then appended at the revision read.
 */
@CommandHandler(RecordDelegationFact)
export class RecordDelegationFactHandler implements ICommandHandler<RecordDelegationFact, RecordedFacts> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly directory: BodyDirectory,
    private readonly access: AccessPolicy,
  ) {}

  async execute({ command, recording }: RecordDelegationFact): Promise<RecordedFacts> {
    const stream = delegationStream(command.data.delegationId);
    const own = await this.writer.load(stream, delegationDecider);
    const { delegation } = own.state;
    const delegatorBodyId =
      command.type === 'GrantDelegation' ? command.data.delegatorBodyId : delegation.recorded ? delegation.delegatorBodyId : undefined;
    await this.access.assertMayRecordFor(recording.actor, delegatorBodyId ? [delegatorBodyId] : []);
    const parentDelegationId = parentDelegationNamedBy(command, delegation);
    const [bodies, parent] = await Promise.all([
      this.directory.load(delegationBodiesNamedBy(command)),
      parentDelegationId ? this.loadDelegation(parentDelegationId) : own.state.parent,
    ]);
    const state: DelegationDecisionState = { ...own.state, bodies, parent };
    return this.writer.append(stream, delegationDecider.decide(command, state), own.revision, recording);
  }

  private async loadDelegation(delegationId: string): Promise<DelegationState> {
    return (await this.writer.load(delegationStream(delegationId), delegationDecider)).state.delegation;
  }
}
