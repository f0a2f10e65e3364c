import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecommendationCommand } from '@ledger/governance/recommendations/recommendation.commands';
import {
  bodiesNamedBy,
  recommendationDecider,
  recommendationStream,
  recordedRecommendation,
} from '@ledger/governance/recommendations/recommendation.decider';
import { Recording } from '../access/actor';
import { AccessPolicy } from '../access/access-policy';
import { BodyDirectory } from '../recording/body-directory';
import { LedgerWriter, RecordedFacts } from '../recording/ledger-writer';

export class RecordRecommendationFact {
  constructor(
    readonly command: RecommendationCommand,
    readonly recording: Recording,
  ) {}
}

/**
 * The advisory group's officers (or those of a body it belongs to) make and revise its recommendations;
 * each named body's officers record that body's own response, and no other body's.
 */
@CommandHandler(RecordRecommendationFact)
export class RecordRecommendationFactHandler implements ICommandHandler<RecordRecommendationFact, RecordedFacts> {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly directory: BodyDirectory,
    private readonly access: AccessPolicy,
  ) {}

  async execute({ command, recording }: RecordRecommendationFact): Promise<RecordedFacts> {
    const stream = recommendationStream(command.data.recommendationId);
    await this.access.assertMayRecordFor(recording.actor, [await this.recordingBody(command, stream)]);
    const bodies = await this.directory.load(bodiesNamedBy(command));
    return this.writer.record({ stream, decider: recommendationDecider, command, recording, context: { bodies } });
  }

  private async recordingBody(command: RecommendationCommand, stream: string): Promise<string> {
    switch (command.type) {
      case 'MakeRecommendation':
        return command.data.fromBodyId;
      case 'RespondToRecommendation':
        return command.data.bodyId;
      case 'ReviseRecommendation': {
        const { state } = await this.writer.load(stream, recommendationDecider);
        return recordedRecommendation(state.recommendation, command.data.recommendationId).fromBodyId;
      }
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  }
}
