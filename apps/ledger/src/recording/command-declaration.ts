import { Type } from '@nestjs/common';
import { AnyAggregate } from '@ledger/governance';
import { Role } from '../access/actor';

/**
 * A command, declared once. Its HTTP route, its import-file entry and its OpenAPI operation all come
 * from this declaration, and the one write pipeline (record-command.ts) authorises, decides and appends
 * it through its aggregate.
 */
export interface CommandDeclaration {
  /** The command's name, as the domain and import files spell it (`EstablishBody`). */
  command: string;
  /** One line for the OpenAPI operation. */
  summary: string;
  /** The HTTP body, validated by class-validator; over HTTP the route's ids are added to it. */
  dto: Type<object>;
  /** POST route, e.g. `meetings/:meetingId/items`; its `:ids` are the command's path ids. */
  route: string;
  /** The OpenAPI tag (the feature). */
  tag: string;
  /** Who may issue it: an `officer` only for the bodies the aggregate says it is recorded for. */
  roles: readonly Role[];
  /** The aggregate that decides it; none for a correction, which is judged by the corrected fact's aggregate. */
  aggregate?: AnyAggregate;
}

export type AggregateCommandDeclaration = CommandDeclaration & { aggregate: AnyAggregate };

/** Where the pipeline finds the declaration behind a command type, and the aggregate behind a stream. */
export abstract class CommandRegistry {
  abstract declarationOf(command: string): CommandDeclaration | undefined;
  abstract aggregateOfCategory(category: string): AnyAggregate | undefined;
}

/** The ids a route takes from its path, in order. */
export function pathIdsOf(route: string): string[] {
  return [...route.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]);
}

/** The declarations of one feature, sharing its tag and aggregate. */
export function declareCommands(
  tag: string,
  aggregate: AnyAggregate,
  commands: Omit<CommandDeclaration, 'tag' | 'aggregate'>[],
): AggregateCommandDeclaration[] {
  return commands.map((command) => ({ ...command, tag, aggregate }));
}
