import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import path from 'node:path';
import { answerClientErrorsWithJson } from './json-client-errors';

/** The demo's landing page, its viewer pages and their static files. */
export const PUBLIC_DIR = path.resolve(__dirname, '../public');

/** The files of the viewer libraries the viewer pages load, from the demo's own dependencies: no CDN. */
const VIEWER_LIBRARY_FILES: Record<string, string> = {
  '/vendor/leaflet/leaflet.js': require.resolve('leaflet/dist/leaflet.js'),
  '/vendor/leaflet/leaflet.css': require.resolve('leaflet/dist/leaflet.css'),
  '/vendor/ol/ol.js': require.resolve('ol/dist/ol.js'),
  '/vendor/ol/ol.css': require.resolve('ol/ol.css'),
};

/**
 * What main.ts does to the app besides listening: the landing page at /, the Leaflet and OpenLayers viewers
 * at /viewers/leaflet.html?id=… and /viewers/openlayers.html?id=…, Swagger UI at /api/docs (JSON at
 * /api/docs-json).
 */
export function setUpDemoApp(app: NestExpressApplication): void {
  app.enableShutdownHooks();
  answerClientErrorsWithJson(app.getHttpServer());
  // API requests skip the static-file lookup: its stat of a missing file was a fifth of a millisecond each.
  const serveFiles = express.static(PUBLIC_DIR);
  app.use((request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (request.path.startsWith('/api/')) return next();
    const libraryFile = VIEWER_LIBRARY_FILES[request.path];
    if (libraryFile) return response.sendFile(libraryFile, { maxAge: '1d' });
    serveFiles(request, response, next);
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('nest-large-image demo')
      .setDescription('Large-image tiles, metadata and data for every uploaded raster')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
}
