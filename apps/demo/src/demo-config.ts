import os from 'node:os';
import path from 'node:path';
import type { LargeImageModuleOptions } from 'nest-large-image';

/** Everything the demo reads from its environment, with the embedded defaults a fresh clone runs on. */
export interface DemoConfig {
  port: number;
  /** Processes serving requests (a Node cluster); 1 serves from the main process. */
  workers: number;
  /** PostgreSQL URL; when absent the demo keeps its records in SQLite at `sqlitePath`. */
  databaseUrl?: string;
  sqlitePath: string;
  largeImage: LargeImageModuleOptions;
  /** Largest accepted upload, in bytes. */
  uploadLimitBytes: number;
  /** Nice value added to every thread but the event loop's (lowerHelperThreadPriority); 0 leaves them be. */
  helperThreadNice: number;
}

const MiB = 1024 * 1024;

export function demoConfigFromEnv(env: NodeJS.ProcessEnv, dataDir = path.resolve('data')): DemoConfig {
  const storage = env.STORAGE === 's3' ? 's3' : 'local';
  const s3 = env.S3_BUCKET
    ? {
        bucket: env.S3_BUCKET,
        endpoint: env.S3_ENDPOINT || undefined,
        region: env.S3_REGION || undefined,
        credentials:
          env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
            : undefined,
      }
    : undefined;
  const workers = Math.max(1, Number(env.WORKERS ?? os.availableParallelism()));
  const coresPerWorker = Math.max(1, Math.round(os.availableParallelism() / workers));
  if (storage === 's3' && !s3) throw new Error('STORAGE=s3 needs S3_BUCKET (and S3_ENDPOINT for MinIO and other S3-compatible servers)');
  return {
    port: Number(env.PORT ?? 3000),
    workers,
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.SQLITE_PATH ?? path.join(dataDir, 'demo.sqlite'),
    uploadLimitBytes: Number(env.UPLOAD_LIMIT_MB ?? 1024) * MiB,
    helperThreadNice: Number(env.HELPER_THREAD_NICE ?? 10),
    largeImage: {
      storages: { local: { root: env.LOCAL_STORAGE_ROOT ?? path.join(dataDir, 'files') }, s3 },
      defaultStorage: storage,
      // With Redis, every worker (and replica) shares one tile cache.
      cache: { redisUrl: env.REDIS_URL || undefined },
      statsEndpoint: env.STATS_ENDPOINT === 'true',
      // Worker processes share the cores instead of each starting a libvips (and codec) thread per core.
      libvipsThreads: coresPerWorker,
      samplingThreads: env.SAMPLING_THREADS === undefined ? undefined : Number(env.SAMPLING_THREADS),
      codecThreads: env.CODEC_THREADS === undefined ? coresPerWorker : Number(env.CODEC_THREADS),
      turboJpeg: env.TURBO_JPEG !== 'false',
      libtiff: env.LIBTIFF !== 'false',
    },
  };
}
