import { Module } from '@nestjs/common';
import { DecisionRegisterQueries } from './decision-register.queries';
import { DecisionsController } from './decisions.controller';

@Module({ controllers: [DecisionsController], providers: [DecisionRegisterQueries] })
export class DecisionsModule {}
