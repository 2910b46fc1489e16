// Prints benchmark rows as a table and keeps them for the JSON file.

const COLUMNS = [
  ['scenario', 34, (row) => row.scenario],
  ['req/s', 9, (row) => row.rps.toFixed(1)],
  ['p50 ms', 8, (row) => row.p50.toFixed(1)],
  ['p95 ms', 8, (row) => row.p95.toFixed(1)],
  ['p99 ms', 8, (row) => row.p99.toFixed(1)],
  ['S3 GET/req', 11, (row) => (row.s3GetsPerRequest === undefined ? '' : row.s3GetsPerRequest.toFixed(2))],
  ['S3 KB/req', 10, (row) => (row.s3KbPerRequest === undefined ? '' : row.s3KbPerRequest.toFixed(1))],
  ['cores', 6, (row) => (row.cores === undefined ? '' : row.cores.toFixed(2))],
  ['RSS MB', 7, (row) => (row.rssBytes === undefined ? '' : (row.rssBytes / 2 ** 20).toFixed(0))],
  ['errors', 7, (row) => String(row.errors)],
];

function printHeader(title) {
  console.log(`\n${title}`);
  console.log(COLUMNS.map(([name, width]) => name.padEnd(width)).join(' '));
}

function printRow(row) {
  console.log(COLUMNS.map(([, width, value]) => value(row).padEnd(width)).join(' '));
}

/**
 * One measured scenario: load results plus, when the file came from S3, the GETs and bytes it cost, and the
 * CPU cores the server kept busy and its resident memory afterwards.
 */
function scenarioRow(scenario, load, s3Before, s3After, cores, rssBytes) {
  const row = {
    scenario,
    requests: load.requests,
    rps: load.rps,
    p50: load.p50,
    p95: load.p95,
    p99: load.p99,
    errors: Object.entries(load.statuses)
      .filter(([status]) => !['200', '304'].includes(status))
      .reduce((sum, [, count]) => sum + count, 0),
    statuses: load.statuses,
    cores,
    rssBytes,
  };
  if (s3Before && s3After) {
    row.s3GetsPerRequest = (s3After.gets - s3Before.gets) / load.requests;
    row.s3KbPerRequest = (s3After.bytes - s3Before.bytes) / 1024 / load.requests;
  }
  printRow(row);
  return row;
}

module.exports = { printHeader, scenarioRow };
