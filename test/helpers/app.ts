import { after } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import type { Role } from '../../src/auth/auth.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import { upsertUser } from '../../src/auth/users.queries.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { createReaderPool, type ReaderPool } from '../../src/ingest/reader-pool.ts';
import { createLogger } from '../../src/logger.ts';
import { testDatabase } from './database.ts';

export interface TestApp {
  app: Express;
  handle: DbHandle;
  readers: ReaderPool;
}

// Reader pools are closed once the whole test file is done (a root-level hook, as in database.ts).
const pools: ReaderPool[] = [];
after(() => Promise.all(pools.map((p) => p.close())));

/**
 * The real app on a fresh test database of its own; `env` adds configuration
 * (TRUST_PROXY=loopback, INGEST_TIME_BUDGET_MS=1000).
 */
export async function testApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  return appOn(await testDatabase(), env);
}

/**
 * Another app on a database that may already serve one: as a second web process would. Each
 * app has its own reader pool, closed when the test file ends; its worker threads start on
 * the first article read, so files that store none pay nothing.
 */
export function appOn(handle: DbHandle, env: NodeJS.ProcessEnv = {}): TestApp {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const readers = createReaderPool(config.readers);
  pools.push(readers);
  const app = createApp({ db: handle.db, pool: handle.pool, writeDb: handle.writeDb, dbKind: handle.kind, config, logger: createLogger(config), readers });
  return { app, handle, readers };
}

/** Serves the app on an ephemeral port for clients that need raw HTTP (fetch, a browser). */
export async function listen(app: Express): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address() as import('node:net').AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

let userCounter = 0;
export const TEST_PASSWORD = 'correct horse battery staple';
// Hashed once per test file by the app's own hashPassword (argon2id, 64 MiB, 3 passes:
// 0.2-0.4 s here) and shared by every test user: logins still verify it at full cost.
let testPasswordHash: Promise<string> | undefined;

/** A user of `role` in the app's database, whose password is TEST_PASSWORD. */
export async function createTestUser(t: TestApp, role: Role = 'editor', disabled = false): Promise<string> {
  const username = `${role}_${++userCounter}`;
  const { id } = await upsertUser(t.handle.db, username, await (testPasswordHash ??= hashPassword(TEST_PASSWORD)), role);
  if (disabled) await t.handle.db.updateTable('users').set({ disabled: true }).where('id', '=', id).execute();
  return username;
}

/** A supertest agent logged in as a new user of `role`, with the CSRF token its writes send. */
export async function loggedIn(t: TestApp, role: Role = 'editor') {
  const username = await createTestUser(t, role);
  const agent = request.agent(t.app);
  const res = await agent.post('/api/login').send({ username, password: TEST_PASSWORD }).expect(200);
  return { agent, csrfToken: res.body.csrfToken as string, username };
}
