import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { demoConfigFromEnv } from './demo-config';
import { setUpDemoApp } from './set-up-demo-app';

async function bootstrap(): Promise<void> {
  const config = demoConfigFromEnv(process.env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config));
  setUpDemoApp(app);
  await app.listen(config.port);
  console.log(`nest-large-image demo on http://localhost:${config.port}  (Swagger UI: /api/docs, images: /api/images)`);
}

void bootstrap();
