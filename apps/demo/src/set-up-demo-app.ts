import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** What main.ts does to the app besides listening: Swagger UI at /api/docs (JSON at /api/docs-json). */
export function setUpDemoApp(app: INestApplication): void {
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('nest-large-image demo')
      .setDescription('Large-image tiles, metadata and data for every uploaded raster')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
}
