import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiKeys } from './access/api-keys';
import { CommandValidationPipe } from './http/command-validation';
import { LedgerIdParamsPipe } from './recording/ledger-id-params.pipe';
import { requestIntake } from './access/request-intake';
import { isWorkspaceRequest, WORKSPACE_PATH, workspaceIntake } from './workspace/workspace-intake';
import type { RequestHandler } from 'express';

/** Everything main.ts and the end-to-end tests must share, so tests exercise the app users run. */

/**
 * How the application is created, by main.ts and the tests alike: Nest's own body parser is off, since
 * configureLedgerApp reads bodies itself, after authenticating the caller.
 */
export const LEDGER_APP_OPTIONS = { bodyParser: false } as const satisfies NestApplicationOptions;

/** The one validation every command passes, over HTTP and from an import file alike. */
export const commandValidation = () => new CommandValidationPipe();

/** `step` for the API's requests; the workspace's pass it by. */
const apiOnly =
  (step: RequestHandler): RequestHandler =>
  (request, response, next) =>
    isWorkspaceRequest(request) ? next() : step(request, response, next);

/** Call on an application created with LEDGER_APP_OPTIONS, before `init()`. */
export function configureLedgerApp(app: INestApplication): INestApplication {
  // Before any route: key, then body, then its depth (see requestIntake); the workspace's forms and cookies apart.
  for (const step of requestIntake(app.get(ApiKeys))) app.use(apiOnly(step));
  app.use(WORKSPACE_PATH, ...workspaceIntake());
  app.useGlobalPipes(new LedgerIdParamsPipe(), commandValidation());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Commissioning decision ledger')
      .setDescription('Who decided what, with whose authority, across NHS and local-government commissioning')
      .setVersion('0.1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'ldg_<keyId>_<secret>',
        description:
          'A ledger API key (`npm run ledger -- keys create`), sent as `Authorization: Bearer ldg_…`; writes need one, reads do not',
      })
      .build(),
  );
  SwaggerModule.setup('api-docs', app, document);
  return app;
}
