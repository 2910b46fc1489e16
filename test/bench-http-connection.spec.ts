// The benchmark's load generator parses answers itself: it must count them as Node's client would, however
// the bytes are split across reads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AnswerParser } = require('../bench/http-connection');

interface Answer {
  status: number;
  etag?: string;
  bytes: number;
}

/** Feeds `raw` to a new parser in pieces of `piece` bytes; the answers it completes, in order. */
function parse(raw: string, piece: number): Answer[] {
  const parser = new AnswerParser();
  const bytes = Buffer.from(raw, 'latin1');
  const answers: Answer[] = [];
  for (let at = 0; at < bytes.length; at += piece) {
    const answer = parser.push(bytes.subarray(at, at + piece));
    if (answer) answers.push(answer);
  }
  return answers;
}

const body = 'x'.repeat(300);
const withLength = `HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nETag: "v1-abc"\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
const chunked =
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' + `64\r\n${body.slice(0, 100)}\r\n` + `c8;ext=1\r\n${body.slice(100)}\r\n` + '0\r\nX-Trailer: 1\r\n\r\n';
const notModified = 'HTTP/1.1 304 Not Modified\r\nETag: "v1-abc"\r\nContent-Length: 300\r\n\r\n';

describe('the load generator reading answers', () => {
  it.each([1, 2, 7, 64, 10_000])('counts bodies sent with a length, chunked, or none, in pieces of %i bytes', (piece) => {
    expect(parse(withLength, piece)).toEqual([{ status: 200, etag: '"v1-abc"', bytes: 300 }]);
    expect(parse(chunked, piece)).toEqual([{ status: 200, etag: undefined, bytes: 300 }]);
    expect(parse(notModified, piece)).toEqual([{ status: 304, etag: '"v1-abc"', bytes: 0 }]);
  });

  it('reads one answer after another on the same connection', () => {
    expect(parse(withLength + notModified + chunked, 5).map(({ status, bytes }) => [status, bytes])).toEqual([
      [200, 300],
      [304, 0],
      [200, 300],
    ]);
  });
});
