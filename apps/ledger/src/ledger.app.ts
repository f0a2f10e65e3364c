import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Everything main.ts and the end-to-end tests must share, so tests exercise the app users run. */
/** The one validation every command passes, over HTTP and from an import file alike. */
export const commandValidation = () => new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

export function configureLedgerApp(app: INestApplication): INestApplication {
  app.useGlobalPipes(commandValidation());
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
