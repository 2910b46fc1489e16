import sharp from 'sharp';
import request from 'supertest';
import { fromArrayBuffer } from 'geotiff';
import type { INestApplication } from '@nestjs/common';
import { getBinary } from './http';

/** What sharp calls each image MIME type (`(await sharp(body).metadata()).format`). */
export const SHARP_FORMAT_OF_MIME: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/tiff': 'tiff',
};

/** web mercator half-width: pi * 6378137. */
export const MERCATOR_HALF_WORLD = 20037508.342789244;

/** GET a JSON route; returns status, body and content type. */
export async function getJson(app: INestApplication, path: string) {
  const response = await request(app.getHttpServer()).get(path);
  return { status: response.status, body: response.body, type: String(response.headers['content-type'] ?? '') };
}

/** GET an image route; returns status, MIME type and the raw bytes. */
export async function getImage(app: INestApplication, path: string) {
  const response = await getBinary(app, path);
  return { status: response.status, type: String(response.headers['content-type'] ?? ''), body: response.body as Buffer };
}

/** What sharp decodes the bytes as (png, jpeg, webp, tiff), with the decoded size. */
export async function decodedFormat(body: Buffer) {
  const metadata = await sharp(body).metadata();
  return { format: metadata.format, width: metadata.width, height: metadata.height };
}

/** Decoded RGBA pixels. */
export async function rgbaPixels(body: Buffer) {
  const { data, info } = await sharp(body).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number): [number, number, number, number] => {
    const i = (y * info.width + x) * 4;
    return [data[i], data[i + 1], data[i + 2], data[i + 3]];
  };
  return { data, width: info.width, height: info.height, at };
}

/** `#rrggbb` → [r, g, b]. */
export function hexColor(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** The XYZ tile's EPSG:3857 extent (the standard web-mercator tiling, y counted from the top). */
export function mercatorTileBounds(z: number, x: number, y: number) {
  const span = (2 * MERCATOR_HALF_WORLD) / 2 ** z;
  const xmin = -MERCATOR_HALF_WORLD + x * span;
  const ymax = MERCATOR_HALF_WORLD - y * span;
  return { xmin, xmax: xmin + span, ymin: ymax - span, ymax };
}

/** large_image getTileCorners without a projection: base pixels, y counted from the bottom. */
export function pixelTileCorners(z: number, x: number, y: number, levels: number, sizeY: number, tileSize = 256) {
  const scale = 2 ** (levels - 1 - z);
  const xmin = scale * x * tileSize;
  const top = scale * y * tileSize;
  const bottom = top + scale * tileSize;
  return { xmin, xmax: xmin + scale * tileSize, ymin: sizeY - bottom, ymax: sizeY - top };
}

/** Reads a TIFF with geotiff.js: its first image, GeoKeys and bounding box (if georeferenced). */
export async function readGeoTiff(bytes: Buffer) {
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const image = await tiff.getImage();
  const geoKeys = image.getGeoKeys() as Record<string, unknown> | null;
  let boundingBox: number[] | undefined;
  try {
    boundingBox = image.getBoundingBox();
  } catch {
    boundingBox = undefined;
  }
  return { image, geoKeys, boundingBox, width: image.getWidth(), height: image.getHeight() };
}
