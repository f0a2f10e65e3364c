import { Injectable } from '@nestjs/common';
import { AnyAggregate } from '@ledger/governance';
import { BODY_COMMANDS } from './bodies/body-commands';
import { CORRECTION_COMMANDS } from './corrections/correction-commands';
import { DELEGATION_COMMANDS } from './delegations/delegation-commands';
import { MEETING_COMMANDS } from './meetings/meeting-commands';
import { OFFICER_DECISION_COMMANDS } from './officer-decisions/officer-decision-commands';
import { RECOMMENDATION_COMMANDS } from './recommendations/recommendation-commands';
import { REORGANISATION_COMMANDS } from './reorganisations/reorganisation-commands';
import { CommandDeclaration, CommandRegistry } from './recording/command-declaration';

/** Every declared command: what import files may name, and how a correction finds the rules of a fact. */
export const COMMAND_DECLARATIONS: readonly CommandDeclaration[] = [
  ...BODY_COMMANDS,
  ...MEETING_COMMANDS,
  ...DELEGATION_COMMANDS,
  ...REORGANISATION_COMMANDS,
  ...RECOMMENDATION_COMMANDS,
  ...OFFICER_DECISION_COMMANDS,
  ...CORRECTION_COMMANDS,
];

@Injectable()
export class CommandCatalogue extends CommandRegistry {
  private readonly byCommand = new Map(COMMAND_DECLARATIONS.map((declaration) => [declaration.command, declaration]));
  private readonly byCategory = new Map(
    COMMAND_DECLARATIONS.flatMap(({ aggregate }) => (aggregate ? [[aggregate.category, aggregate] as [string, AnyAggregate]] : [])),
  );

  declarationOf(command: string): CommandDeclaration | undefined {
    return this.byCommand.get(command);
  }

  aggregateOfCategory(category: string): AnyAggregate | undefined {
    return this.byCategory.get(category);
  }
}
