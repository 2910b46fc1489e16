import path from 'node:path';
import { gridSampling } from '../core/grid-sampling';
import { pyramidFor, tileGrid } from '../core/pyramid';
import { borrowRgba, releaseRgba } from '../core/rgba-buffers';
import { BlockCache } from '../storage/block-cache';
import { BlockSource } from '../storage/block-source';
import { LocalFileStorage } from '../storage/local-file.storage';
import { openRaster } from './open-raster';
import type { RasterSource } from './raster-source';
import { releasePlan } from './sample-plan';
import { sampleLevel } from './sample-level';
import { sampleRgbToRgba } from './sample-rgb';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
const storage = new LocalFileStorage({ root: FIXTURES });
// Its open file handles, closed once every suite of this file has run.
afterAll(() => storage.close());

async function open(name: string): Promise<RasterSource> {
  const { size, version } = await storage.stat(name);
  return openRaster(name, new BlockSource(storage, name, `${name}@${version}`, size, new BlockCache(16384, 8 << 20)));
}

/** The RGBA of one EPSG:3857 tile of the identity-RGB path. */
async function sampleTile(raster: RasterSource, z: number, x: number, y: number): Promise<Buffer> {
  const grid = tileGrid(raster, pyramidFor(raster, 'EPSG:3857', 256), z, x, y);
  const { levelIndex, plan } = gridSampling(raster, raster.levels, grid);
  try {
    return await sampleRgbToRgba(raster.levels[levelIndex], plan, grid.width, grid.height);
  } finally {
    releasePlan(plan);
  }
}

describe('RGBA buffers of rendered tiles', () => {
  it('a released buffer is lent again; a view into a larger buffer is not taken back', () => {
    const first = borrowRgba(64 * 64);
    releaseRgba(first);
    expect(borrowRgba(64 * 64).buffer).toBe(first.buffer);
    const larger = Buffer.alloc(2 * 64 * 64 * 4);
    releaseRgba(larger.subarray(0, 64 * 64 * 4));
    expect(borrowRgba(64 * 64).buffer).not.toBe(larger.buffer);
  });

  it('a tile sampled into a reused buffer is the tile sampled into a fresh one: outside and masked pixels are written transparent', async () => {
    // A tile over the edge of an RGB JPEG with an internal mask: pixels outside the image and masked ones.
    const raster = await open('rgb-mask-jpeg.tif');
    const fresh = Buffer.from(await sampleTile(raster, 12, 2162, 1353));
    const alphas = new Set(Array.from({ length: fresh.length / 4 }, (_, i) => fresh[4 * i + 3]));
    expect([...alphas].sort()).toEqual([0, 255]);
    // Every buffer the next tile could be lent holds opaque white.
    const dirty = Array.from({ length: 16 }, () => borrowRgba(256 * 256).fill(0xff));
    dirty.forEach(releaseRgba);
    const reused = await sampleTile(raster, 12, 2162, 1353);
    expect(dirty.some((buffer) => buffer.buffer === reused.buffer)).toBe(true);
    expect(reused.equals(fresh)).toBe(true);
  });
});

describe('sampleRgbToRgba', () => {
  /** The RGBA the general path (native values, then the identity style) gives for the same tile. */
  async function generalRgba(raster: RasterSource, z: number, x: number, y: number): Promise<Buffer> {
    const grid = tileGrid(raster, pyramidFor(raster, 'EPSG:3857', 256), z, x, y);
    const { levelIndex, plan } = gridSampling(raster, raster.levels, grid);
    const { values, alpha } = await sampleLevel(raster, raster.levels[levelIndex], plan, grid.width, grid.height);
    releasePlan(plan);
    const rgba = Buffer.alloc(alpha.length * 4);
    alpha.forEach((a, i) => a && rgba.set([values[3 * i], values[3 * i + 1], values[3 * i + 2], 255], 4 * i));
    return rgba;
  }

  it.each([
    ['rgb-utm-jpeg.tif', 'the whole image inside a tile', 9, 277, 183],
    ['rgb-utm-deflate.tif', 'a tile inside the image', 14, 8879, 5887],
    ['rgb-mask-jpeg.tif', 'a tile over the edge of a masked image', 12, 2162, 1353],
  ])('%s, %s: the same pixels as native values put through the identity style', async (name, _, z, x, y) => {
    const raster = await open(name);
    const rgba = await sampleTile(raster, z, x, y);
    const expected = await generalRgba(raster, z, x, y);
    // The tile shows some of the image, so a loop that wrote the wrong pixels could not pass.
    expect(expected.some((byte, i) => i % 4 === 3 && byte === 255)).toBe(true);
    expect(rgba.equals(expected)).toBe(true);
    releaseRgba(rgba);
  });
});
