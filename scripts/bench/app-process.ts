// The app as deployed, for benchmarks: its own Node process (src/server.ts), production mode,
// requests logged at warn only, on a free port of 127.0.0.1.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface AppProcess {
  /** http://127.0.0.1:<port> */
  base: string;
  /** The server's process (Node itself, no shell in between: its pid is the server's). */
  child: ChildProcess;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Starts the app on `databaseUrl` (with `env` added) and resolves once GET /healthz answers (20 s at most). */
export async function startApp(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', SESSION_SECRET: randomBytes(24).toString('hex'), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 100 || child.exitCode !== null) {
      child.kill('SIGTERM');
      throw new Error('the app did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
