import { applyDecorators, Controller, Post, Req, Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { LedgerRequest, recordingOf, Records } from '../access/records.decorator';
import { InvalidField, NotFound } from '../http/ledger-errors';
import { isLedgerId } from './dto/validators';
import { CommandDeclaration, pathIdsOf } from './command-declaration';
import { validatedCommandData } from './command-validation';
import { RecordCommand } from './record-command';

class RecordedEventDto {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
}

class RecordedFactsDto {
  @ApiProperty({ description: 'the stream written' }) stream: string;
  @ApiProperty({ description: 'revision of its last event' }) revision: number;
  @ApiProperty({ description: 'global position of that event' }) position: number;
  @ApiProperty({ type: [RecordedEventDto], description: 'the events written, to cite or correct later' }) events: RecordedEventDto[];
  @ApiPropertyOptional({
    type: [Object],
    description:
      'what the ledger finds of what was recorded, where it judges it (a delegation granted: delegator-did-not-hold, per function, area and date)',
  })
  findings?: object[];
}

export class LedgerErrorDto {
  @ApiProperty() statusCode: number;
  @ApiProperty() error: string;
  @ApiProperty({ description: 'the rule broken, e.g. invalid-field, key-required, body-not-served, already-recorded' }) rule: string;
  @ApiProperty() message: string;
  @ApiProperty({ required: false, description: 'the field at fault (invalid-field), or the part of a composite command (votes[3])' })
  field?: string;
}

const REFUSALS: [number, string][] = [
  [400, 'invalid input (rule invalid-field names the field); nothing written'],
  [401, 'no valid API key'],
  [403, "the key's role or bodies may not record this"],
  [404, 'a referenced fact is not recorded'],
  [409, 'clashes with what is recorded, or a concurrent write (retry after reloading)'],
  [422, 'a fact that cannot be true by the domain rules'],
];

/**
 * The HTTP routes of some declared commands, as one controller: each POST validates its body with the
 * declaration's DTO (the route's ids added) and hands it to the write pipeline. Nothing here decides.
 */
export function commandRoutes(declarations: readonly CommandDeclaration[]): Type<unknown> {
  @ApiTags(declarations[0].tag)
  @Controller()
  class CommandRoutes {
    constructor(readonly commands: CommandBus) {}
  }
  Object.defineProperty(CommandRoutes, 'name', { value: `${declarations[0].tag}CommandRoutes` });

  for (const declaration of declarations) {
    const pathIds = pathIdsOf(declaration.route);
    const record = async function (this: CommandRoutes, request: LedgerRequest) {
      const body: unknown = request.body ?? {};
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw new InvalidField('body', 'the body is a JSON object');
      }
      const fromPath = pathIds.find((id) => Object.prototype.hasOwnProperty.call(body, id));
      if (fromPath) {
        throw new InvalidField(fromPath, `${fromPath} comes from the route, not the body`);
      }
      // An id in the path that cannot be a ledger id names nothing recorded (as on every other route).
      const unknown = pathIds.find((id) => !isLedgerId(request.params[id]));
      if (unknown) throw new NotFound('unknown-reference', `no ${unknown} "${request.params[unknown]}" is recorded`);
      const data = await validatedCommandData(declaration, { ...body, ...request.params }, pathIds);
      return this.commands.execute(new RecordCommand(declaration, data, recordingOf(request)));
    };
    Object.defineProperty(CommandRoutes.prototype, declaration.command, { value: record, writable: true, configurable: true });
    const descriptor = Object.getOwnPropertyDescriptor(CommandRoutes.prototype, declaration.command)!;
    applyDecorators(
      Post(declaration.route),
      Records(...declaration.roles),
      ApiOperation({
        operationId: declaration.command,
        summary: declaration.summary,
        description: `Command \`${declaration.command}\`; recorded by: ${declaration.roles.join(', ')}.`,
      }),
      ApiBody({ type: declaration.dto }),
      ...pathIds.map((name) => ApiParam({ name, type: String })),
      ApiCreatedResponse({ type: RecordedFactsDto, description: 'recorded' }),
      ...REFUSALS.map(([status, description]) => ApiResponse({ status, description, type: LedgerErrorDto })),
    )(CommandRoutes.prototype, declaration.command, descriptor);
    Req()(CommandRoutes.prototype, declaration.command, 0);
  }
  return CommandRoutes;
}
