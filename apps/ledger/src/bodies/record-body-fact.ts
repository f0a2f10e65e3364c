import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BodyCommand, bodiesNamedBy, bodyDecider, bodyStream } from '@ledger/governance';
import { Recording } from '../access/actor';
import { AccessPolicy } from '../access/access-policy';
import { BodyDirectory } from '../recording/body-directory';
import { LedgerWriter, RecordedFacts } from '../recording/ledger-writer';

export class RecordBodyFact {
  constructor(
    readonly command: BodyCommand,
    readonly recording: Recording,
  ) {}
}

/** Establishing, renaming and dissolving bodies and their statutory functions is for admins; memberships for the body's officers. */
const ADMIN_ONLY: BodyCommand['type'][] = ['EstablishBody', 'RenameBody', 'DissolveBody', 'AssignStatutoryFunctions'];

@CommandHandler(RecordBodyFact)
export class RecordBodyFactHandler implements ICommandHandler<RecordBodyFact, RecordedFacts> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly directory: BodyDirectory,
    private readonly access: AccessPolicy,
  ) {}

  async execute({ command, recording }: RecordBodyFact): Promise<RecordedFacts> {
    if (ADMIN_ONLY.includes(command.type)) await this.access.assertAdmin(recording.actor, command.type);
    else await this.access.assertMayRecordFor(recording.actor, [command.data.bodyId]);
    const bodies = await this.directory.load(bodiesNamedBy(command));
    return this.writer.record({ stream: bodyStream(command.data.bodyId), decider: bodyDecider, command, recording, context: { bodies } });
  }
}
