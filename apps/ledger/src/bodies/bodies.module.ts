import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { commandRoutes } from '../recording/command-routes';
import { BODY_COMMANDS } from './body-commands';
import { BodyRegisterController } from './body-register.controller';
import { BodyRegisterQueries } from './body-register.queries';

@Module({
  imports: [AuthorityModule],
  controllers: [commandRoutes(BODY_COMMANDS), BodyRegisterController],
  providers: [BodyRegisterQueries],
  // The officers' workspace reads bodies through the same queries as the API.
  exports: [BodyRegisterQueries],
})
export class BodiesModule {}
