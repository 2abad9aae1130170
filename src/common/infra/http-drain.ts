import type { Server, ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';

/** How long a keep-alive connection may sit idle once draining has begun before it is closed. */
const IDLE_GRACE_MS = 1000;
const SWEEP_EVERY_MS = 100;

interface ConnectionState {
  active: number;
  idleSince: number;
}

/**
 * Graceful stop of an HTTP server under keep-alive traffic. Node's own `server.close()` drops idle keep-alive
 * connections at once, and a client that is just sending its next request on one sees a reset. Instead: stop
 * accepting connections, answer every request from now on (and every one still in flight) with `Connection: close`,
 * so each connection closes after its current response, and close a connection that stays idle for IDLE_GRACE_MS.
 */
export class HttpDrain {
  private readonly connections = new Map<Socket, ConnectionState>();
  private readonly pending = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, { active: 0, idleSince: Date.now() });
      socket.once('close', () => this.connections.delete(socket));
    });
    // Before the application's own listener, so the header is set before anything can be written.
    server.prependListener('request', (request, response) => {
      const state = this.connections.get(request.socket);
      if (state) state.active += 1;
      this.pending.add(response);
      if (this.draining) response.setHeader('Connection', 'close');
      response.once('close', () => {
        this.pending.delete(response);
        if (state) {
          state.active -= 1;
          state.idleSince = Date.now();
        }
      });
    });
  }

  /** Requests being answered right now. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Resolves when every connection has closed, or after `timeoutMs`, when the rest are cut. */
  drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    const started = Date.now();
    for (const response of this.pending) if (!response.headersSent) response.setHeader('Connection', 'close');
    net.Server.prototype.close.call(this.server);
    return new Promise((resolve) => {
      const sweep = setInterval(() => {
        const now = Date.now();
        for (const [socket, state] of this.connections) {
          if (state.active === 0 && now - Math.max(state.idleSince, started) >= IDLE_GRACE_MS) socket.destroy();
        }
        if (this.connections.size > 0 && now - started < timeoutMs) return;
        clearInterval(sweep);
        for (const socket of this.connections.keys()) socket.destroy();
        resolve();
      }, SWEEP_EVERY_MS);
    });
  }
}
