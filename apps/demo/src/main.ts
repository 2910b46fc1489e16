import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cluster from 'node:cluster';
import { lowerHelperThreadPriority } from 'nest-large-image';
import { AppModule } from './app.module';
import { DemoConfig, demoConfigFromEnv } from './demo-config';
import { setUpDemoApp } from './set-up-demo-app';

const logger = new Logger('Demo');

async function serve(config: DemoConfig, prepare: boolean): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { prepare }), {
    logger: cluster.isWorker ? ['error', 'warn'] : undefined,
  });
  setUpDemoApp(app);
  await app.listen(config.port);
  if (config.helperThreadNice > 0) lowerHelperThreadPriority(config.helperThreadNice);
}

/**
 * One process, or a cluster: the primary prepares the database once, then forks `WORKERS` processes that
 * share the port (and, with REDIS_URL, one tile cache); a worker that dies is replaced.
 */
async function main(): Promise<void> {
  const config = demoConfigFromEnv(process.env);
  if (cluster.isWorker) return serve(config, false);
  if (config.workers === 1) {
    await serve(config, true);
  } else {
    const context = await NestFactory.createApplicationContext(AppModule.forRoot(config, { prepare: true }));
    await context.close();
    for (let i = 0; i < config.workers; i++) cluster.fork();
    cluster.on('exit', (worker, code, signal) => {
      if (signal === 'SIGTERM' || signal === 'SIGINT') return;
      logger.warn(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      cluster.fork();
    });
  }
  logger.log(
    `nest-large-image demo on http://localhost:${config.port} with ${config.workers} worker(s)  (Swagger UI: /api/docs, images: /api/images)`,
  );
}

void main();
