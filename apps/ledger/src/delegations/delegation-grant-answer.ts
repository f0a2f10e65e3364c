import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { mergeMap } from 'rxjs';
import { DELEGATION_COMMANDS } from './delegation-commands';
import { DelegationAnswers } from './delegation-answers';

/** The routes that make or extend a delegation: a grant, and a variation (which may add functions or areas). */
const ANSWERED = new Set(
  DELEGATION_COMMANDS.filter(({ command }) => command === 'GrantDelegation' || command === 'VaryDelegation').map(({ route }) => route),
);

/**
 * The 201 answer to a delegation granted or varied says what its delegator did not hold to pass on, as
 * the ledger knows it once the fact is recorded (`findings`: as `GET /delegations/:id` gives them, empty
 * when the delegator held everything it delegated).
 */
@Injectable()
export class DelegationGrantAnswer implements NestInterceptor {
  constructor(private readonly answers: DelegationAnswers) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    if (!ANSWERED.has(Reflect.getMetadata(PATH_METADATA, context.getHandler()))) return next.handle();
    const request = context.switchToHttp().getRequest();
    const delegationId: string = request.params.delegationId ?? request.body.delegationId;
    return next.handle().pipe(
      mergeMap(async (answer: { position: number }) => ({
        ...answer,
        findings: (await this.answers.delegation(delegationId, String(answer.position))).findings,
      })),
    );
  }
}
