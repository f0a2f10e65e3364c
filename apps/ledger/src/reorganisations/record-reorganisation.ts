import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReorganisationCommand } from '@ledger/governance/reorganisations/reorganisation.commands';
import {
  reorganisationBodiesNamedBy,
  reorganisationDecider,
  reorganisationStream,
} from '@ledger/governance/reorganisations/reorganisation.decider';
import { Recording } from '../access/actor';
import { AccessPolicy } from '../access/access-policy';
import { BodyDirectory } from '../recording/body-directory';
import { LedgerWriter, RecordedFacts } from '../recording/ledger-writer';

export class RecordReorganisation {
  constructor(
    readonly command: ReorganisationCommand,
    readonly recording: Recording,
  ) {}
}

/** Reorganisations are recorded by admins, as one event in the reorganisation's own stream; body streams are not touched. */
@CommandHandler(RecordReorganisation)
export class RecordReorganisationHandler implements ICommandHandler<RecordReorganisation, RecordedFacts> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly directory: BodyDirectory,
    private readonly access: AccessPolicy,
  ) {}

  async execute({ command, recording }: RecordReorganisation): Promise<RecordedFacts> {
    await this.access.assertAdmin(recording.actor, command.type);
    const bodies = await this.directory.load(reorganisationBodiesNamedBy(command));
    return this.writer.record({
      stream: reorganisationStream(command.data.reorganisationId),
      decider: reorganisationDecider,
      command,
      recording,
      context: { bodies },
    });
  }
}
