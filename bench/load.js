// A small keep-alive HTTP load generator: N requests in flight, latencies per request; `get` for single
// requests outside the measured loads.
const http = require('node:http');
const { httpConnection } = require('./http-connection');

/** One GET with Node's own client: { status, bytes, etag, ms }. */
function get(port, path) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const request = http.get({ host: '127.0.0.1', port, path }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => (bytes += chunk.length));
      response.on('end', () =>
        resolve({ status: response.statusCode, bytes, etag: response.headers.etag, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
      );
    });
    request.on('error', (error) => resolve({ status: 0, bytes: 0, ms: Number(process.hrtime.bigint() - started) / 1e6, error }));
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Requests every path once (`headersFor(path)` may add headers), `concurrency` at a time on as many
 * keep-alive connections, and summarises: requests/s, latency percentiles in ms, statuses, and the answers
 * (for ETags).
 */
async function runLoad(port, paths, { concurrency = 16, headersFor = () => ({}) } = {}) {
  const connections = Array.from({ length: Math.min(concurrency, paths.length) }, () => httpConnection(port));
  const results = new Array(paths.length);
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    connections.map(async (connection) => {
      while (next < paths.length) {
        const index = next++;
        const sent = process.hrtime.bigint();
        const answer = await connection.request(paths[index], headersFor(paths[index]));
        results[index] = { ...answer, ms: Number(process.hrtime.bigint() - sent) / 1e6 };
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const connection of connections) connection.close();
  const latencies = results.map((result) => result.ms).sort((a, b) => a - b);
  const statuses = {};
  for (const result of results) statuses[result.status] = (statuses[result.status] ?? 0) + 1;
  return {
    requests: paths.length,
    seconds,
    rps: paths.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
    bytesPerRequest: results.reduce((sum, result) => sum + result.bytes, 0) / paths.length,
    results,
  };
}

module.exports = { runLoad, get };
