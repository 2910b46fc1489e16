import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Piscina } from 'piscina';
import { UnreadableImageError } from '../errors/large-image.errors';
import { BlockCache } from '../storage/block-cache';
import { BlockSource } from '../storage/block-source';
import { LocalFileStorage } from '../storage/local-file.storage';
import { openRaster } from '../tiff/open-raster';
import type { RasterSource } from '../tiff/raster-source';
import { releasePlan } from '../tiff/sample-plan';
import { gridSampling } from './grid-sampling';
import type { OutputGrid } from './output-grid';
import { pyramidFor, tileGrid } from './pyramid';
import { SamplingPlanner } from './sampling-planner';
import { workerEntry } from './worker-entry';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
const storage = new LocalFileStorage({ root: FIXTURES });
const cache = new BlockCache(16384, 8 << 20);

async function open(name: string): Promise<RasterSource> {
  const { size, version } = await storage.stat(name);
  return openRaster(name, new BlockSource(storage, name, `${name}@${version}`, size, cache));
}

const bytesOf = (array: Int32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

describe('SamplingPlanner', () => {
  // Every grid goes to the thread here, whatever its size.
  const planner = new SamplingPlanner(1, 0);
  afterAll(() => Promise.all([planner.close(), storage.close()]));

  /** The planner's answer (from its worker thread) must be the plan gridSampling makes on this thread. */
  async function expectSamePlan(raster: RasterSource, grid: OutputGrid) {
    const here = gridSampling(raster, raster.levels, grid);
    const there = await planner.plan(raster, raster.levels, grid);
    expect(there.levelIndex).toBe(here.levelIndex);
    expect(there.plan.blockIds).toEqual(here.plan.blockIds);
    // Compared as bytes: a structural comparison of 65536-element arrays takes jest a second.
    expect(bytesOf(there.plan.slotOf).equals(bytesOf(here.plan.slotOf))).toBe(true);
    expect(bytesOf(there.plan.offsetOf).equals(bytesOf(here.plan.offsetOf))).toBe(true);
    expect(here.plan.slotOf.some((slot) => slot >= 0)).toBe(true);
    releasePlan(here.plan);
    releasePlan(there.plan);
  }

  // Every tile gdalwarp references were made for (test/fixtures/ref): UTM, British National Grid, lon/lat, four zooms each.
  const referenceTiles = readdirSync(path.join(FIXTURES, 'ref'))
    .map((file) => /^(.+)-(\d+)-(\d+)-(\d+)\.tif$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, stem, z, x, y]) => [`${stem} ${z}/${x}/${y}`, `${stem}.tif`, Number(z), Number(x), Number(y)] as const);

  const firstReferenceTile = (stem: string) => referenceTiles.find((tile) => tile[1] === `${stem}.tif`)!.slice(2) as [number, number, number];

  it.each(referenceTiles)('plans the reprojected tile %s on a worker thread as on the main thread', async (_, name, z, x, y) => {
    const raster = await open(name);
    await expectSamePlan(raster, tileGrid(raster, pyramidFor(raster, 'EPSG:3857', 256), z, x, y));
  });

  it('plans pixel grids of a plain image on a worker thread as on the main thread', async () => {
    const raster = await open('pyramid-nongeo.tif');
    await expectSamePlan(raster, { kind: 'pixel', left: 10.5, top: 3.25, scaleX: 1.7, scaleY: 1.7, width: 200, height: 150 });
  });

  it('reports an unreadable image with its own error class, not the one the thread sends back', async () => {
    const raster = await open('rgb-utm-jpeg.tif');
    const degenerate = { ...raster, geoTransform: [500000, 0, 0, 4000000, 0, 0] } as RasterSource;
    const grid = tileGrid(raster, pyramidFor(raster, 'EPSG:3857', 256), ...firstReferenceTile('rgb-utm-jpeg'));
    await expect(planner.plan(degenerate, raster.levels, grid)).rejects.toBeInstanceOf(UnreadableImageError);
  });

  it('plans a 256 x 256 tile on the calling thread by default, and a larger grid on its thread', async () => {
    const tilePlanner = new SamplingPlanner(1);
    const toThread = jest.spyOn(Piscina.prototype, 'run');
    try {
      const raster = await open('pyramid-nongeo.tif');
      const grid = (size: number): OutputGrid => ({ kind: 'pixel', left: 0, top: 0, scaleX: 1, scaleY: 1, width: size, height: size });
      releasePlan((await tilePlanner.plan(raster, raster.levels, grid(256))).plan);
      expect(toThread).not.toHaveBeenCalled();
      releasePlan((await tilePlanner.plan(raster, raster.levels, grid(257))).plan);
      expect(toThread).toHaveBeenCalledTimes(1);
    } finally {
      toThread.mockRestore();
      await tilePlanner.close();
    }
  });

  it('finds the worker beside itself, and no worker when the library was bundled into one file', () => {
    expect(workerEntry('sampling-worker', __dirname)).toEqual({ filename: path.join(__dirname, 'sampling-worker.ts'), execArgv: ['--require', '@swc-node/register'] });
    expect(workerEntry('sampling-worker', FIXTURES)).toBeUndefined();
  });

  it('has the thread fill shared plan buffers in place, and the next tile reuses them', async () => {
    const raster = await open('pyramid-nongeo.tif');
    const grid: OutputGrid = { kind: 'pixel', left: 0, top: 0, scaleX: 1, scaleY: 1, width: 128, height: 128 };
    const first = await planner.plan(raster, raster.levels, grid);
    const buffer = first.plan.slotOf.buffer;
    expect(buffer).toBeInstanceOf(SharedArrayBuffer);
    releasePlan(first.plan);
    const second = await planner.plan(raster, raster.levels, grid);
    expect(second.plan.slotOf.buffer).toBe(buffer);
    expect(second.plan.offsetOf.buffer).toBe(buffer);
    releasePlan(second.plan);
  });
});
