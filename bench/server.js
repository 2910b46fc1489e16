// Starts the demo app (the real one: SQLite records, @LargeImage controller) as a process under test.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const Database = require('better-sqlite3');
const { get } = require('./load');

const MAIN = path.resolve(__dirname, '../apps/demo/dist/main.js');

/**
 * glibc's settings as `npm start` runs the demo: large freed buffers go back to the system, and threads
 * share two heaps (docs/deployment.md). The codec floor runs under them too, since they change what every
 * allocation costs.
 */
const MALLOC_ENV = {
  MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
  MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
};

/** V8's heap setting as `npm start` runs the demo (docs/deployment.md); the codec floor runs under it too. */
const NODE_FLAGS = ['--initial-old-space-size=128'];

/**
 * Starts the demo on `port` with `workers` processes, and registers `references` as records. With `cpus`
 * (a taskset list such as '0') the demo and everything it starts may only run on those cores.
 */
async function startDemo({ port, workers, directory, s3, cogs, references, cpus }) {
  fs.rmSync(directory, { recursive: true, force: true });
  const files = path.join(directory, 'files');
  fs.mkdirSync(files, { recursive: true });
  // The demo's local storage is this run's folder; the benchmark COGs are linked into it.
  for (const cog of cogs) fs.symlinkSync(cog, path.join(files, path.basename(cog)));
  const sqlitePath = path.join(directory, 'demo.sqlite');
  const env = {
    ...process.env,
    PORT: String(port),
    WORKERS: String(workers),
    SQLITE_PATH: sqlitePath,
    LOCAL_STORAGE_ROOT: files,
    STATS_ENDPOINT: 'true',
    ...MALLOC_ENV,
    S3_BUCKET: 'bench',
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
  // taskset replaces itself with node, so the child's pid is the demo's.
  const node = [process.execPath, ...NODE_FLAGS, MAIN];
  const [command, args] = cpus ? ['taskset', ['-c', cpus, ...node]] : [node[0], node.slice(1)];
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let attempt = 0; ; attempt++) {
    const answer = await get(port, '/api/images');
    if (answer.status === 200) break;
    if (attempt > 200 || child.exitCode !== null) throw new Error('the demo did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const db = new Database(sqlitePath);
  const insert = db.prepare("INSERT INTO image_file (name, file, createdAt) VALUES (?, ?, datetime('now'))");
  const ids = Object.fromEntries(Object.entries(references).map(([name, reference]) => [name, Number(insert.run(name, reference).lastInsertRowid)]));
  db.close();
  return {
    ids,
    pid: child.pid,
    /** CPU seconds used so far by every process of the demo (all their threads). */
    cpuSeconds() {
      return [child.pid, ...childPids(child.pid)].reduce((sum, pid) => sum + cpuTime(pid), 0);
    },
    /** Resident memory now of every process of the demo, in bytes. */
    rssBytes() {
      return [child.pid, ...childPids(child.pid)].reduce((sum, pid) => sum + procStatus(pid, 'VmRSS'), 0);
    },
    /** Peak resident memory of every process of the demo (primary and workers), in bytes. */
    peakRssBytes() {
      const pids = [child.pid, ...childPids(child.pid)];
      return pids.reduce((sum, pid) => sum + peakRss(pid), 0);
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    },
  };
}

function childPids(pid) {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** utime + stime of a process from /proc/<pid>/stat, in seconds (clock ticks are 1/100 s on Linux). */
function cpuTime(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function peakRss(pid) {
  return procStatus(pid, 'VmHWM');
}

/** A memory line (VmRSS, VmHWM...) of /proc/<pid>/status, in bytes. */
function procStatus(pid, field) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]) * 1024;
  } catch {
    return 0;
  }
}

module.exports = { startDemo, MALLOC_ENV, NODE_FLAGS };
