import { Type } from '@nestjs/common';
import { ICommand } from '@nestjs/cqrs';
import { Recording } from '../access/actor';

/**
 * One recordable command as the import file names it: `{ "command": "<command>", "data": {...} }`.
 * `data` is the HTTP body plus the ids HTTP takes from the path, validated by the same DTO class.
 */
export interface CatalogueEntry {
  command: string;
  dto: Type<object>;
  /** Fields HTTP takes from the route (e.g. bodyId); required, lower-case identifiers, in an import line. */
  pathIds: string[];
  dispatch(data: Record<string, unknown>, recording: Recording): ICommand;
}
