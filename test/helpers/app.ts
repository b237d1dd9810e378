import type { Express } from 'express';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { createLogger } from '../../src/logger.ts';
import { testDatabase } from './database.ts';

export interface TestApp {
  app: Express;
  handle: DbHandle;
}

/** The real app on a fresh test database of its own. */
export async function testApp(): Promise<TestApp> {
  const handle = await testDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = createApp({ db: handle.db, pool: handle.pool, config, logger: createLogger(config) });
  return { app, handle };
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
