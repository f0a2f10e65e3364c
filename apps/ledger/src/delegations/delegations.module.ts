import { Module } from '@nestjs/common';
import { commandRoutes } from '../recording/command-routes';
import { DELEGATION_COMMANDS } from './delegation-commands';

@Module({ controllers: [commandRoutes(DELEGATION_COMMANDS)] })
export class DelegationsModule {}
