// One keep-alive HTTP/1.1 connection of the load generator, on a raw socket: a request at a time, and only
// what the benchmark reads of each answer (status, ETag, body size). Node's http client spent 0.5-0.8 ms of
// CPU per 46 KB tile on the machine the server shares; this spends about a third of that (wrk would spend
// less still, but is not a dependency the benchmark can count on).
const net = require('node:net');

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** Statuses whose answers never have a body, whatever their headers say. */
const hasNoBody = (status) => status === 204 || status === 304 || (status >= 100 && status < 200);

/** Parses answers from the bytes they arrive in; `push` returns an answer once it is complete. */
class AnswerParser {
  constructor() {
    this.pending = null; // bytes not parsed yet
    this.answer = null; // { status, etag, bytes } once the head is read
    this.remaining = 0; // body bytes still to come (Content-Length) or of the current chunk
    this.chunked = false;
    this.chunkState = 'size'; // 'size' | 'data' | 'data-end' | 'trailer'
  }

  push(chunk) {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    if (!this.answer) {
      const end = data.indexOf(HEAD_END);
      if (end < 0) return this.keep(data);
      this.readHead(data.latin1Slice(0, end));
      data = data.subarray(end + HEAD_END.length);
      if (this.remaining === 0 && !this.chunked) return this.done(data);
    }
    return this.chunked ? this.readChunks(data) : this.readBody(data);
  }

  readHead(head) {
    const status = Number(head.slice(9, 12));
    const header = (name) => new RegExp(`\\r\\n${name}:[ \\t]*([^\\r]*)`, 'i').exec(head)?.[1];
    this.answer = { status, etag: header('etag'), bytes: 0 };
    if (hasNoBody(status)) return;
    this.chunked = /chunked/i.test(header('transfer-encoding') ?? '');
    this.remaining = this.chunked ? 0 : Number(header('content-length') ?? 0);
    this.chunkState = 'size';
  }

  readBody(data) {
    const take = Math.min(this.remaining, data.length);
    this.answer.bytes += take;
    this.remaining -= take;
    return this.remaining === 0 ? this.done(data.subarray(take)) : undefined;
  }

  readChunks(data) {
    let at = 0;
    while (at < data.length) {
      if (this.chunkState === 'data') {
        const take = Math.min(this.remaining, data.length - at);
        this.answer.bytes += take;
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) this.chunkState = 'data-end';
        continue;
      }
      const lineEnd = data.indexOf(CRLF, at);
      if (lineEnd < 0) return this.keep(data.subarray(at));
      const line = data.latin1Slice(at, lineEnd);
      at = lineEnd + CRLF.length;
      if (this.chunkState === 'data-end') this.chunkState = 'size';
      else if (this.chunkState === 'size') {
        this.remaining = parseInt(line, 16);
        this.chunkState = this.remaining > 0 ? 'data' : 'trailer';
      } else if (line === '') return this.done(data.subarray(at)); // the empty line after the last chunk's trailers
    }
    return undefined;
  }

  keep(data) {
    this.pending = data;
    return undefined;
  }

  /** The answer read; `rest` (the start of the next answer) waits for the next push. */
  done(rest) {
    const { answer } = this;
    this.pending = rest.length ? rest : null;
    this.answer = null;
    this.chunked = false;
    return answer;
  }
}

/** A connection to 127.0.0.1:`port`; `request` sends one GET and resolves with { status, bytes, etag }. */
function httpConnection(port) {
  let socket;
  let parser;
  let waiting = null;
  const fail = (error) => {
    socket = undefined;
    const resolve = waiting;
    waiting = null;
    resolve?.({ status: 0, bytes: 0, error });
  };
  const connect = () => {
    parser = new AnswerParser();
    socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    socket.on('data', (chunk) => {
      const answer = parser.push(chunk);
      if (!answer || !waiting) return;
      const resolve = waiting;
      waiting = null;
      resolve(answer);
    });
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection')));
  };
  return {
    request(path, headers = {}) {
      if (!socket) connect();
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
      return new Promise((resolve) => {
        waiting = resolve;
        socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${lines.join('')}\r\n`);
      });
    },
    close() {
      socket?.destroy();
      socket = undefined;
    },
  };
}

module.exports = { httpConnection, AnswerParser };
