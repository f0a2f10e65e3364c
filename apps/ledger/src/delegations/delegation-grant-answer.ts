import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { mergeMap } from 'rxjs';
import { DELEGATION_COMMANDS } from './delegation-commands';
import { DelegationAnswers } from './delegation-answers';

const GRANT_ROUTE = DELEGATION_COMMANDS.find((declaration) => declaration.command === 'GrantDelegation')!.route;

/**
 * The 201 answer to a delegation granted says what its delegator did not hold to pass on, as the ledger
 * knows it once the grant is recorded (`findings`, empty when it held everything it delegated).
 */
@Injectable()
export class DelegationGrantAnswer implements NestInterceptor {
  constructor(private readonly answers: DelegationAnswers) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    if (Reflect.getMetadata(PATH_METADATA, context.getHandler()) !== GRANT_ROUTE) return next.handle();
    const { delegationId, delegatorBodyId, delegateBodyId, functions, areas, from } = context.switchToHttp().getRequest().body;
    const made = { delegationId, delegatorBodyId, delegateBodyId, functions, areas, from };
    return next.handle().pipe(
      mergeMap(async (answer: { position: number }) => ({
        ...answer,
        findings: await this.answers.findings(made, String(answer.position)),
      })),
    );
  }
}
