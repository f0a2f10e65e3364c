import { Type } from '@nestjs/common';
import { Aggregate, AnyAggregate, DomainCommand } from '@ledger/governance';
import { Role } from '../access/actor';
import { Same } from './same-shape';

/**
 * A command, declared once. Its HTTP route, its import-file entry, its OpenAPI operation and the reference's
 * command table all come from this declaration, and the one write pipeline (record-command.ts)
 * authorises, decides and appends it through its aggregate.
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

/** The same, as a type: `bodies/:bodyId/memberships/:membershipId/end` → `'bodyId' | 'membershipId'`. */
export type PathIds<Route extends string> = Route extends `${string}:${infer Id}/${infer Rest}`
  ? Id | PathIds<Rest>
  : Route extends `${string}:${infer Id}`
    ? Id
    : never;

/** One command in its feature's table of declarations. */
export interface CommandEntry<Route extends string = string, Dto extends object = object> {
  summary: string;
  route: Route;
  dto: Type<Dto>;
  roles: readonly Role[];
}

/** A command's data as HTTP gives it: the DTO's fields, and the route's ids. */
type DataGiven<Entry> = Entry extends CommandEntry<infer Route, infer Dto> ? Dto & { [Id in PathIds<Route>]: string } : never;

/** Where the DTO and route ids (`Given`) and the domain command's data (`Wanted`) part ways. */
interface Mismatch<Given, Wanted> {
  'the DTO and route ids do not give the command data': {
    onlyGiven: Exclude<keyof Given, keyof Wanted>;
    onlyInCommand: Exclude<keyof Wanted, keyof Given>;
    differ: { [Key in keyof Given & keyof Wanted]: Same<Given[Key], Wanted[Key]> extends true ? never : Key }[keyof Given & keyof Wanted];
  };
}

/**
 * The table checked against the domain's command union: every command of it declared, no other name,
 * and each DTO with its route's ids exactly the command's data, both ways (same fields, same optionality,
 * same types), so neither side can gain or lose a field alone.
 */
type Checked<Command extends DomainCommand, Table> = {
  [Name in keyof Table]: Name extends Command['type']
    ? Same<DataGiven<Table[Name]>, Extract<Command, { type: Name }>['data']> extends true
      ? Table[Name]
      : Mismatch<DataGiven<Table[Name]>, Extract<Command, { type: Name }>['data']>
    : `${Name & string} is not a command of this aggregate`;
} & { [Name in Exclude<Command['type'], keyof Table>]: CommandEntry };

/** What decides a feature's commands: its aggregate, or (for a correction) the domain function that judges it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DecidedBy<Command extends DomainCommand> = Aggregate<Command, any, any> | { judges: (command: Command, ...rest: never[]) => unknown };

/** The declarations of one feature, sharing its tag and what decides them; the table is keyed by command name. */
export function declareCommands<Command extends DomainCommand, const Table extends Record<string, CommandEntry>>(
  tag: string,
  decidedBy: DecidedBy<Command>,
  table: Table & Checked<Command, Table>,
): CommandDeclaration[] {
  const aggregate = 'decider' in decidedBy ? { aggregate: decidedBy as AnyAggregate } : {};
  return Object.entries(table as Record<string, CommandEntry>).map(([command, entry]) => ({ command, ...entry, tag, ...aggregate }));
}
