import request from 'supertest';
import type { INestApplication } from '@nestjs/common';

/** GET with the body kept as raw bytes (supertest only buffers text and JSON by default). */
export function getBinary(app: INestApplication, path: string) {
  return request(app.getHttpServer())
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}
