// npm run bench: tile-server throughput, latency, S3 requests and memory of the demo app, with two floors
// measured in the same run (the codecs alone, and the app serving a static file). See docs/benchmark.md.
const fs = require('node:fs');
const path = require('node:path');
const { benchmarkCogs } = require('./fixtures');
const { startS3 } = require('./s3');
const { startDemo } = require('./server');
const { runLoad, get } = require('./load');
const { randomTiles } = require('./tiles');
const { codecFloor } = require('./codec-floor');
const { gdalPeer } = require('./gdal-peer');
const { printHeader, scenarioRow } = require('./report');

// The AWS SDK's notice that its 2027 releases will need Node 22, which every process of the run (the demo's
// workers included, which inherit this environment) would print.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const BENCH_DIR = path.resolve(__dirname, '../.bench');
const TILES = Number(process.env.BENCH_TILES ?? 500);
const PORT = Number(process.env.BENCH_PORT ?? 3977);
/** Warm-tile rounds from disk, each with new tiles and its own floor: one round's ratio moves by 10-20% here. */
const WARM_ROUNDS = Math.min(3, Math.max(1, Number(process.env.BENCH_WARM_ROUNDS ?? 3)));
let COGS = [];

async function json(port, url) {
  return new Promise((resolve, reject) => {
    require('node:http').get({ host: '127.0.0.1', port, path: url }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${url}: ${response.statusCode} ${text}`))));
    });
  });
}

const tileUrl = (id, { z, x, y }, format = 'png') => `/api/images/${id}/tiles/${z}/${x}/${y}.${format}?projection=EPSG:3857`;

/** Runs a load and reports it, counting the S3 GETs it caused and the CPU the demo used meanwhile. */
async function measure(results, s3, demo, name, paths, options) {
  const before = s3.snapshot();
  const cpuBefore = demo.cpuSeconds();
  const load = await runLoad(PORT, paths, options);
  const row = scenarioRow(name, load, before, s3.snapshot(), (demo.cpuSeconds() - cpuBefore) / load.seconds, demo.rssBytes());
  results.push(row);
  return { row, load };
}

const FILES = { Jpeg: 'bench-jpeg.tif', Deflate: 'bench-deflate.tif', Lzw: 'bench-lzw-256.tif' };

/**
 * Measures a floor just before and just after the scenario it is compared with, and keeps their mean: this
 * machine's speed drifts by a third over minutes, so a floor measured at another time of the run would
 * compare the machine with itself rather than the server with the floor.
 */
async function aroundFloor(name, measureFloor, scenario) {
  const before = await measureFloor();
  await scenario();
  const after = await measureFloor();
  const mean = (key) => (before[key] + after[key]) / 2;
  const floor = { ...before, rps: mean('rps'), before: before.rps, after: after.rps };
  if (before.cpuMsPerTile !== undefined) floor.cpuMsPerTile = mean('cpuMsPerTile');
  const details = floor.cpuMsPerTile === undefined ? '' : ` (decode ${floor.blocksPerTile.toFixed(2)} internal tiles + encode a PNG, 16 in flight; ${floor.cpuMsPerTile.toFixed(1)} ms of CPU per tile)`;
  console.log(`  floor, ${name}${details}: ${floor.rps.toFixed(1)}/s (${before.rps.toFixed(1)} before, ${after.rps.toFixed(1)} after)`);
  return floor;
}

async function detailedRun(s3, references, results) {
  const demo = await startDemo({ port: PORT, workers: 1, directory: path.join(BENCH_DIR, 'run'), s3, cogs: COGS, references });
  const extra = {};
  try {
    const meta = await json(PORT, `/api/images/${demo.ids.diskJpeg}/info/metadata?projection=EPSG:3857`);
    const setA = randomTiles(meta, TILES, 1);
    // Warm sets: the first for every file and storage, the others for the further rounds from disk.
    const warmSets = [];
    for (const seed of [2, 11, 12].slice(0, WARM_ROUNDS)) {
      warmSets.push(randomTiles(meta, TILES, seed, new Set([setA, ...warmSets].flat().map((tile) => tile.key))));
    }
    const setB = warmSets[0];
    extra.tiles = { levels: meta.levels, perSet: setA.length };
    for (const variant of ['Jpeg', 'Deflate', 'Lzw']) {
      // LZW is measured from disk only: its S3 reads are those of the other two.
      for (const storage of variant === 'Lzw' ? ['disk'] : ['disk', 's3']) {
        const id = demo.ids[`${storage}${variant}`];
        const label = `${variant.toLowerCase()} ${storage}`;
        printHeader(`${label}: ${TILES} EPSG:3857 tiles per set, 16 concurrent, 1 worker`);
        const before = s3.snapshot();
        const open = await get(PORT, `/api/images/${id}/info/metadata`);
        const after = s3.snapshot();
        if (storage === 's3') extra[`${label} open`] = { status: open.status, s3Gets: after.gets - before.gets, s3Kb: (after.bytes - before.bytes) / 1024 };
        const cold = await measure(results, s3, demo, `${label} cold tiles`, setA.map((tile) => tileUrl(id, tile)));
        const warmTiles = (set, round) =>
          measure(results, s3, demo, `${label} warm tiles${round ? `, round ${round + 1}` : ''}`, set.map((tile) => tileUrl(id, tile)));
        await json(PORT, '/api/large-image/stats?reset=true');
        if (storage === 'disk') {
          const name = `${variant.toLowerCase()} codec floor`;
          const rounds = [];
          for (const [round, set] of warmSets.entries()) {
            let warm;
            const floor = await aroundFloor(name, () => codecFloor(FILES[variant], set), async () => {
              warm = await warmTiles(set, round);
            });
            rounds.push({ rps: warm.row.rps, cpuMsPerTile: (warm.row.cores * 1000) / warm.row.rps, floor });
          }
          extra[`${variant.toLowerCase()} warm rounds`] = rounds;
          const peer = await gdalPeer(path.join(BENCH_DIR, FILES[variant]), setA, setB);
          extra[`${variant.toLowerCase()} gdal peer`] = peer;
          console.log(
            peer
              ? `  peer, GDAL's warp + PNG driver in ${peer.processes} Python processes, no HTTP (warm set 1): ${peer.rps.toFixed(1)}/s, ${peer.cpuMsPerTile.toFixed(1)} ms of CPU per tile, ${(peer.bytesPerTile / 1024).toFixed(0)} KB per tile`
              : '  peer: skipped (no Python with GDAL bindings; Debian: apt-get install python3-gdal)',
          );
        } else {
          await warmTiles(setB, 0);
        }
        extra[`${label} warm event loop`] = (await json(PORT, '/api/large-image/stats')).eventLoopDelayMs;
        if (variant !== 'Jpeg') continue;
        // The warm rounds rendered more tiles than the tile cache holds: render the cold set again first.
        await runLoad(PORT, setA.map((tile) => tileUrl(id, tile)));
        // Four passes: a cache hit takes well under a millisecond, so one pass would mostly measure warm-up.
        await measure(results, s3, demo, `${label} cache hits (png)`, Array.from({ length: 4 }, () => setA.map((tile) => tileUrl(id, tile))).flat());
        // JPEG tiles weigh about what the 20 KB static file does: the like-for-like comparison with that floor.
        await runLoad(PORT, setA.map((tile) => tileUrl(id, tile, 'jpeg')));
        const cacheHits = () => measure(results, s3, demo, `${label} cache hits (jpeg)`, Array.from({ length: 4 }, () => setA.map((tile) => tileUrl(id, tile, 'jpeg'))).flat());
        if (storage === 'disk') {
          const staticFile = async () => (await runLoad(PORT, Array.from({ length: 8 * TILES }, () => '/sample-preview.jpg'))).rps;
          extra['static file floor'] = await aroundFloor('static 20 KB file (same app)', async () => ({ rps: await staticFile() }), cacheHits);
        } else {
          await cacheHits();
        }
        const etags = new Map(setA.map((tile, i) => [tileUrl(id, tile), cold.load.results[i].etag]));
        await measure(results, s3, demo, `${label} 304 revalidations`, [...etags.keys()], { headersFor: (url) => ({ 'if-none-match': etags.get(url) }) });
        await measure(results, s3, demo, `${label} metadata`, Array.from({ length: TILES }, () => `/api/images/${id}/info/metadata`));
        const regions = (format) =>
          Array.from({ length: 6 }, (_, i) => `/api/images/${id}/data/region.${format}?units=pixels&left=${i * 2048}&top=${i * 1024}&right=${i * 2048 + 2048}&bottom=${i * 1024 + 2048}`);
        await measure(results, s3, demo, `${label} region 2048² png`, regions('png'), { concurrency: 2 });
        await measure(results, s3, demo, `${label} region 2048² GeoTIFF`, regions('tif'), { concurrency: 2 });
        await measure(results, s3, demo, `${label} thumbnail 256`, Array.from({ length: 20 }, (_, i) => `/api/images/${id}/data/thumbnail.png?max_width=${256 - i}`), { concurrency: 4 });
        await measure(results, s3, demo, `${label} histogram (analysis 2048)`, Array.from({ length: 3 }, (_, i) => `/api/images/${id}/data/histogram?analysis_size=2048&bins=${256 - i}`), { concurrency: 1 });
      }
    }
    extra.peakRssMb = demo.peakRssBytes() / 2 ** 20;
    console.log(`peak RSS of the demo process: ${extra.peakRssMb.toFixed(0)} MB`);
    // Where the memory is at the end: buffers (the caches' own accounting among them), the JS heap, and the
    // rest (code, libvips, glibc's free lists).
    const stats = await json(PORT, '/api/large-image/stats');
    extra.memoryAtEnd = stats;
    const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
    const cacheBytes = Object.entries(stats.caches).filter(([name]) => name.endsWith('Bytes'));
    const rest = stats.rssBytes - stats.heapUsedBytes - stats.arrayBuffersBytes;
    console.log(
      `memory at the end: RSS ${mb(stats.rssBytes)} MB = buffers ${mb(stats.arrayBuffersBytes)} MB (caches: ${cacheBytes
        .map(([name, bytes]) => `${name} ${mb(bytes)}`)
        .join(', ')}) + JS heap ${mb(stats.heapUsedBytes)} MB + ${mb(rest)} MB other`,
    );
    return extra;
  } finally {
    await demo.stop();
  }
}

/**
 * Cold and warm tile throughput of the same files with 1 and with 2 worker processes; and, where taskset
 * exists, with 1 worker held to one core, because one worker alone already keeps both cores of a 2-core
 * machine busy (libvips' and zlib's threads): 1 core -> 2 cores is then how throughput scales with cores.
 * In that run this process (the load generator) is held to the same core, as it shares both cores with the
 * workers in the 2-worker run: the comparison is the whole system on one core against it on two.
 */
async function scalingRun(s3, references, results) {
  const scaling = {};
  const setups = [
    { key: 1, workers: 1, label: '1 worker(s)' },
    { key: 2, workers: 2, label: '2 worker(s)' },
  ];
  if (hasTaskset()) setups.push({ key: 'oneCore', workers: 1, label: '1 worker and the load on 1 core', cpus: '0' });
  for (const { key, workers, label, cpus } of setups) {
    const demo = await startDemo({ port: PORT, workers, directory: path.join(BENCH_DIR, 'run'), s3, cogs: COGS, references, cpus });
    if (cpus) holdThisProcessTo(cpus);
    try {
      printHeader(`jpeg disk with ${label}`);
      const meta = await json(PORT, `/api/images/${demo.ids.diskJpeg}/info/metadata?projection=EPSG:3857`);
      const cold = randomTiles(meta, TILES, 3);
      const warm = randomTiles(meta, TILES, 4, new Set(cold.map((tile) => tile.key)));
      const coldRow = (await measure(results, s3, demo, `cold tiles, ${label}`, cold.map((tile) => tileUrl(demo.ids.diskJpeg, tile)))).row;
      const warmRow = (await measure(results, s3, demo, `warm tiles, ${label}`, warm.map((tile) => tileUrl(demo.ids.diskJpeg, tile)))).row;
      scaling[key] = { cold: coldRow.rps, warm: warmRow.rps, cores: warmRow.cores };
    } finally {
      if (cpus) holdThisProcessTo(`0-${require('node:os').availableParallelism() - 1}`);
      await demo.stop();
    }
  }
  return scaling;
}

/** Lets every thread of this process run only on `cpus` (a taskset list). */
function holdThisProcessTo(cpus) {
  require('node:child_process').execFileSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
}

async function main() {
  const cogs = benchmarkCogs(BENCH_DIR);
  COGS = [cogs.jpeg, cogs.deflate, cogs.lzw];
  const s3 = await startS3(path.join(BENCH_DIR, 's3rver'), 'bench');
  try {
    const references = {
      diskJpeg: 'local://bench-jpeg.tif',
      diskDeflate: 'local://bench-deflate.tif',
      diskLzw: 'local://bench-lzw-256.tif',
      s3Jpeg: await s3.ensureObject(cogs.jpeg),
      s3Deflate: await s3.ensureObject(cogs.deflate),
    };
    const results = [];
    const extra = await detailedRun(s3, references, results);
    const scaling = await scalingRun(s3, references, results);
    const summary = summarise(results, extra, scaling);
    const output = { date: new Date().toISOString(), node: process.version, cpus: require('node:os').cpus().length, results, extra, scaling, summary };
    fs.writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
    console.log('\nsummary (targets from the performance issue)');
    for (const [name, value] of Object.entries(summary)) console.log(`  ${name}: ${value}`);
    console.log(`\nresults written to ${path.join(BENCH_DIR, 'results.json')}`);
  } finally {
    await s3.close();
  }
}

function hasTaskset() {
  try {
    require('node:child_process').execFileSync('taskset', ['-c', '0', 'true']);
    return require('node:os').availableParallelism() >= 2;
  } catch {
    return false;
  }
}

const VARIANTS = ['jpeg', 'deflate', 'lzw'];

/** `variant median (round 1, round 2, ...)` for each variant, of `ratioOf(round, variant)` each warm round. */
function medianOfRounds(extra, ratioOf) {
  return VARIANTS.map((variant) => {
    const values = extra[`${variant} warm rounds`].map((round) => ratioOf(round, variant));
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return `${variant} ${median.toFixed(2)} (${values.map((value) => value.toFixed(2)).join(', ')})`;
  }).join('; ');
}

function summarise(results, extra, scaling) {
  const rps = (name) => results.find((row) => row.scenario === name)?.rps ?? NaN;
  const ratio = (a, b) => (a / b).toFixed(2);
  return {
    'warm tiles / codec floor, median of the rounds (target >= 0.7)': medianOfRounds(extra, ({ rps, floor }) => rps / floor.rps),
    // The same comparison in CPU: what the server spends per warm tile (every thread of the demo) over what the
    // codecs alone spend. It leaves out what throughput also pays for on this machine and the floor does not:
    // the load generator's CPU on the same cores, and cores left idle.
    'CPU per warm tile, server / codec floor, median (the 0.7 target is at most 1.43)': medianOfRounds(extra, ({ cpuMsPerTile, floor }) => cpuMsPerTile / floor.cpuMsPerTile),
    ...(extra['jpeg gdal peer'] && {
      'warm tiles / GDAL peer, median of the rounds (> 1 is faster; the peer has no HTTP)': medianOfRounds(extra, ({ rps }, variant) => rps / extra[`${variant} gdal peer`].rps),
      'CPU per warm tile, server / GDAL peer, median (< 1 is cheaper)': medianOfRounds(extra, ({ cpuMsPerTile }, variant) => cpuMsPerTile / extra[`${variant} gdal peer`].cpuMsPerTile),
    }),
    'cache hits / static file (target >= 0.7)': `jpeg tiles ${ratio(rps('jpeg disk cache hits (jpeg)'), extra['static file floor'].rps)}, png tiles ${ratio(
      rps('jpeg disk cache hits (png)'),
      extra['static file floor'].rps,
    )}`,
    'S3 GETs to open a COG (target <= 2)': `jpeg ${extra['jpeg s3 open'].s3Gets}, deflate ${extra['deflate s3 open'].s3Gets}`,
    'S3 GETs per warm tile (target <= 1.2)': `jpeg ${results.find((row) => row.scenario === 'jpeg s3 warm tiles').s3GetsPerRequest.toFixed(2)}, deflate ${results
      .find((row) => row.scenario === 'deflate s3 warm tiles')
      .s3GetsPerRequest.toFixed(2)}`,
    '2 workers / 1 worker (target >= 1.7)': `cold ${ratio(scaling[2].cold, scaling[1].cold)}, warm ${ratio(scaling[2].warm, scaling[1].warm)} (CPU cores busy with 1 worker: ${scaling[1].cores.toFixed(2)}, with 2: ${scaling[2].cores.toFixed(2)})`,
    ...(scaling.oneCore && {
      '2 workers on 2 cores / 1 worker on 1 core (the load generator on the same cores)': `cold ${ratio(scaling[2].cold, scaling.oneCore.cold)}, warm ${ratio(scaling[2].warm, scaling.oneCore.warm)} (cores busy: ${scaling.oneCore.cores.toFixed(2)} and ${scaling[2].cores.toFixed(2)})`,
    }),
    'event-loop delay p99 in warm tiles, ms (target < 50)': `jpeg ${extra['jpeg disk warm event loop'].p99.toFixed(1)}, deflate ${extra['deflate disk warm event loop'].p99.toFixed(1)}, lzw ${extra['lzw disk warm event loop'].p99.toFixed(1)}`,
    'peak RSS, MB (target <= caches 576 + 200)': extra.peakRssMb.toFixed(0),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
