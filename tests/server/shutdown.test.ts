import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';

// The real shutdown code (src/shutdown.ts) in a child process (tests/fixtures/slow-server.ts),
// driven by events: the slow request has started, the port refuses, the process exits.

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startSlowServer(env: Record<string, string> = {}) {
  const server = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/slow-server.ts'], {
    env: { ...process.env, DATABASE_PATH: inject('databasePath'), LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child = server;
  let output = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];
  const onOutput = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(output);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  server.stdout.on('data', onOutput);
  server.stderr.on('data', onOutput);
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  /** Resolves when the output shows `pattern`; fails if the process exits first. */
  const printed = (pattern: RegExp) =>
    Promise.race([
      new Promise<RegExpExecArray>((resolve) => {
        const match = pattern.exec(output);
        if (match) resolve(match);
        else waiters.push({ pattern, resolve });
      }),
      exited.then((code) => {
        throw new Error(`the server exited with ${code} before printing ${pattern}:\n${output}`);
      }),
    ]);
  return { server, printed, exited, output: () => output };
}

/** Whether a new TCP connection to the port is accepted. */
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Resolves true once a new connection is refused (the server stopped listening), false if `until` came first. */
async function refused(port: number, until: () => boolean) {
  while (!until()) {
    if (!(await accepts(port))) return true;
  }
  return false;
}

describe('graceful shutdown (src/shutdown.ts)', () => {
  it('finishes a request in flight after SIGTERM, refuses new connections meanwhile, and exits 0', async () => {
    const { server, printed, exited } = startSlowServer();
    const port = Number((await printed(/listening (\d+)/))[1]);
    let answered = false;
    const slow = fetch(`http://127.0.0.1:${port}/slow`).then(async (r) => {
      answered = true;
      return { status: r.status, body: await r.json() };
    });
    await printed(/slow request started/);
    server.kill('SIGTERM');
    expect(await refused(port, () => answered), 'new connections refused while the request is in flight').toBe(true);
    expect(answered).toBe(false);
    server.stdin?.write('release\n');
    expect(await slow).toEqual({ status: 200, body: { slow: 'done' } });
    expect(await exited).toBe(0);
  });

  it('exits 1 after SHUTDOWN_TIMEOUT_MS when a request never finishes', async () => {
    const { server, printed, exited, output } = startSlowServer({ SHUTDOWN_TIMEOUT_MS: '300' });
    const port = Number((await printed(/listening (\d+)/))[1]);
    const slow = fetch(`http://127.0.0.1:${port}/slow`).then(
      (r) => r.status,
      () => 'connection closed',
    );
    await printed(/slow request started/);
    server.kill('SIGTERM');
    expect(await exited, output()).toBe(1);
    expect(await slow, 'the request in flight is cut off, not answered').toBe('connection closed');
  });
});
