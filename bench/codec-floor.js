// The codec floor: for each tile of a list, decode the internal tiles it needs and encode a 256 x 256 PNG
// with the same codecs the server uses, 16 tiles in flight: no I/O, no warping, no HTTP.
const path = require('node:path');
const sharp = require('sharp');
const dist = path.resolve(__dirname, '../libs/nest-large-image/dist');
const { LargeImageService } = require(dist);
const { pyramidFor, tileGrid } = require(`${dist}/core/pyramid`);
const { gridSampling } = require(`${dist}/core/grid-sampling`);
const { blockBytes } = require(`${dist}/tiff/block-bytes`);
const { decoderFor } = require(`${dist}/tiff/decoders`);
const { DEFAULT_ENCODING } = require(`${dist}/render/image-formats`);

async function codecFloor(reference, tiles, concurrency = 16) {
  const service = new LargeImageService({ storages: { local: { root: path.resolve(__dirname, '../.bench') } } });
  const raster = await service.engine.open(reference);
  const pyramid = pyramidFor(raster, 'EPSG:3857', 256);
  const work = [];
  for (const { z, x, y } of tiles) {
    const sampling = gridSampling(raster, raster.levels, tileGrid(raster, pyramid, z, x, y));
    const level = raster.levels[sampling.levelIndex];
    const stored = (await Promise.all(sampling.plan.blockIds.map((index) => blockBytes(level.image, index)))).filter(Boolean);
    const decoder = await decoderFor(level.image);
    // Real content to encode (a uniform image would compress unrealistically fast): the first block, as RGBA.
    const rgba = Buffer.alloc(256 * 256 * 4);
    if (stored.length) {
      const rgb = new Uint8Array(await decoder.decode(stored[0].slice(0)));
      for (let i = 0; i < 256 * 256; i++) rgba.set([rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2], 255], 4 * i);
    }
    work.push({ decoder, stored, rgba });
  }
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < work.length) {
        const { decoder, stored, rgba } = work[next++];
        await Promise.all(stored.map((bytes) => decoder.decode(bytes.slice(0))));
        await sharp(rgba, { raw: { width: 256, height: 256, channels: 4 } }).png({ compressionLevel: DEFAULT_ENCODING.pngCompressionLevel }).toBuffer();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await service.onModuleDestroy();
  return { rps: work.length / seconds, blocksPerTile: work.reduce((sum, item) => sum + item.stored.length, 0) / work.length };
}

module.exports = { codecFloor };
