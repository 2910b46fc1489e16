import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import path from 'node:path';

/** The demo's landing page and its static files. */
export const PUBLIC_DIR = path.resolve(__dirname, '../public');

/**
 * What main.ts does to the app besides listening: the landing page at /, Swagger UI at /api/docs
 * (JSON at /api/docs-json).
 */
export function setUpDemoApp(app: NestExpressApplication): void {
  app.enableShutdownHooks();
  // API requests skip the static-file lookup: its stat of a missing file was a fifth of a millisecond each.
  const serveFiles = express.static(PUBLIC_DIR);
  app.use((request: express.Request, response: express.Response, next: express.NextFunction) =>
    request.path.startsWith('/api/') ? next() : serveFiles(request, response, next),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('nest-large-image demo')
      .setDescription('Large-image tiles, metadata and data for every uploaded raster')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
}
