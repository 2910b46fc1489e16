import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Node's errors for requests it refuses before the app sees them, and the answers it gives (with JSON here). */
const ANSWERS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', "The request line and headers are over the server's size limit: shorten the query"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Payload Too Large', "The request's chunk extensions are over the server's size limit"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request did not arrive in time'],
};

/**
 * Answers requests that Node refuses itself (a request line and headers over its size limit, a request
 * that never finishes arriving, malformed HTTP) with a JSON error like every other error of the API,
 * where Node would send an empty body. As Node's own handler does, it answers only on a connection that
 * has not started another answer, and closes the connection.
 */
export function answerClientErrorsWithJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable || socket.bytesWritten > 0) {
      socket.destroy();
      return;
    }
    const [statusCode, reason, message] = ANSWERS[error.code ?? ''] ?? [400, 'Bad Request', 'Malformed HTTP request'];
    const body = JSON.stringify({ statusCode, error: reason, message });
    socket.end(
      `HTTP/1.1 ${statusCode} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      () => socket.destroy(),
    );
  });
}
