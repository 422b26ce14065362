/**
 * Bytes on a socket, for the tests that must send what no HTTP client would (malformed requests) or
 * headers a client library sets itself (Host, Origin).
 */
import { connect } from "node:net";
import type { RunningEmulator } from "../../emulator";

/** An answer read off the socket. */
export interface SocketAnswer {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `bytes` on a fresh connection and reads one answer (up to its Content-Length, or until the
 * server closes). Rejects when nothing parsable comes back within `timeoutMs`.
 */
export function sendBytes(emu: RunningEmulator, bytes: string | Buffer, timeoutMs = 5_000): Promise<SocketAnswer> {
  const [host, port] = [emu.endpoint.slice(0, emu.endpoint.lastIndexOf(":")), Number(emu.endpoint.slice(emu.endpoint.lastIndexOf(":") + 1))];
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error(`no complete answer within ${timeoutMs} ms; got: ${received.toString("latin1").slice(0, 300)}`)), timeoutMs);
    const parse = (): SocketAnswer | undefined => {
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return undefined;
      const [statusLine, ...lines] = received.subarray(0, end).toString("latin1").split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = received.subarray(end + 4);
      const length = headers["content-length"] === undefined ? undefined : Number(headers["content-length"]);
      if (length !== undefined && body.length < length) return undefined;
      return { status: Number(statusLine.split(" ")[1]), headers, body: body.subarray(0, length).toString("utf8") };
    };
    const finish = (err?: Error, answer?: SocketAnswer): void => {
      clearTimeout(timer);
      socket.destroy();
      if (answer) resolve(answer);
      else reject(err ?? new Error("connection closed without an answer"));
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parse();
      if (answer) finish(undefined, answer);
    });
    socket.on("error", (e) => finish(e));
    socket.on("close", () => finish(undefined, parse()));
    socket.write(bytes);
  });
}
