import { Module } from '@nestjs/common';
import { AuthorityController } from './authority.controller';
import { AuthorityQueries } from './authority.queries';

@Module({ controllers: [AuthorityController], providers: [AuthorityQueries], exports: [AuthorityQueries] })
export class AuthorityModule {}
