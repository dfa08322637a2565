import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, openSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { projectRoot } from '../../dataset/paths.js';

// HAProxy from the distribution (Debian: `apt-get install haproxy`), run with deploy/haproxy.cfg as it is.

export const balancerConfig = join(projectRoot, 'deploy', 'haproxy.cfg');
/** The replica slots of deploy/haproxy.cfg: three replicas and one spare (maxSurge: 1). */
export const SLOTS = ['api1', 'api2', 'api3', 'api4'] as const;

/** HAPROXY_PATH, or haproxy on PATH or in /usr/sbin; null when there is none. */
export function findHaproxy(): string | null {
  const candidates = process.env.HAPROXY_PATH
    ? [process.env.HAPROXY_PATH]
    : [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'].map((d) => join(d, 'haproxy'));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {}
  }
  return null;
}

export interface BalancerOptions {
  haproxy: string;
  port: number;
  adminSocket: string;
  /** The port of each slot, api1 to api4. */
  slotPorts: number[];
  ratePerMinute: number;
  logFile: string;
}

export interface ServerState {
  up: boolean;
  /** Requests forwarded to it since the balancer started (`show stat` stot). */
  requests: number;
}

export class Balancer {
  readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(readonly options: BalancerOptions) {
    const log = openSync(options.logFile, 'a');
    this.child = spawn(options.haproxy, ['-f', balancerConfig], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        SCO_LB_BIND: `127.0.0.1:${options.port}`,
        SCO_LB_ADMIN_SOCKET: options.adminSocket,
        SCO_RATE_LIMIT_PER_MINUTE: String(options.ratePerMinute),
        ...Object.fromEntries(options.slotPorts.map((port, i) => [`SCO_REPLICA_${i + 1}`, `127.0.0.1:${port}`])),
      },
      stdio: ['ignore', log, log],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  get url() {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** One command of the runtime API (the stats socket), its whole answer. */
  admin(command: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.options.adminSocket);
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => {
        answer += chunk;
      });
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.end(`${command}\n`);
    });
  }

  /** Each replica slot: in rotation or not, and requests sent to it. */
  async servers(): Promise<Record<string, ServerState>> {
    const csv = await this.admin('show stat');
    const [header, ...rows] = csv
      .replace(/^# /, '')
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    const column = (name: string) => header?.indexOf(name) ?? -1;
    const servers: Record<string, ServerState> = {};
    for (const row of rows) {
      if (row[column('pxname')] !== 'replicas') continue;
      const name = row[column('svname')] ?? '';
      if (name === 'BACKEND') continue;
      servers[name] = {
        up: row[column('status')]?.startsWith('UP') === true,
        requests: Number(row[column('stot')]),
      };
    }
    return servers;
  }

  /** Waits until the admin socket answers and every slot has had its first check. */
  async started(timeoutMs = 10_000) {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`haproxy exited; see ${this.options.logFile}`);
      const servers = await this.servers().catch(() => null);
      // A slot starts UP until its first check; a slot with nothing listening goes DOWN at once.
      if (servers && Object.keys(servers).length === SLOTS.length) {
        const stat = await this.admin('show servers state replicas');
        // srv_check_result (column 12 counting from 1): 0 = no check yet.
        const checked = stat
          .split('\n')
          .filter((l) => /^\d+ replicas /.test(l))
          .every((l) => l.split(' ')[11] !== '0');
        if (checked) return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`haproxy did not start; see ${this.options.logFile}`);
  }

  /** Polls until the slot is in rotation (UP); resolves with the time it was seen UP (performance.now()). */
  async waitUp(slot: string, timeoutMs = 15_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if ((await this.servers())[slot]?.up) return performance.now();
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${slot} was not in rotation after ${timeoutMs} ms`);
  }

  async stop() {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}
