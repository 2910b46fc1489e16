// The GDAL peer (gdal-peer.py): the same tiles rendered by GDAL's warper and PNG driver in Python processes,
// the core of the GDAL-based servers this framework replaces, measured on the same machine in the same run.
const { spawn, spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { DEFAULT_ENCODING } = require('../libs/nest-large-image/dist/render/image-formats');

const SCRIPT = path.join(__dirname, 'gdal-peer.py');

/** A Python with GDAL's bindings (Debian's python3-gdal), or null. A pyenv python3 may lack them. */
function findPython() {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import osgeo.gdal'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}

const PYTHON = findPython();

/**
 * Renders the `cold` tiles, then times the `warm` ones, of `file` with one GDAL process per core:
 * { processes, rps, cpuMsPerTile, bytesPerTile }, or null without GDAL's Python bindings.
 */
function gdalPeer(file, cold, warm) {
  if (!PYTHON) return Promise.resolve(null);
  const job = {
    file,
    cold: cold.map(({ z, x, y }) => [z, x, y]),
    warm: warm.map(({ z, x, y }) => [z, x, y]),
    processes: os.availableParallelism(),
    zlevel: DEFAULT_ENCODING.pngCompressionLevel,
  };
  const child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stdin.end(JSON.stringify(job));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve({ processes: job.processes, ...JSON.parse(output) }) : reject(new Error(`the GDAL peer exited with ${code}`)),
    );
  });
}

module.exports = { gdalPeer };
