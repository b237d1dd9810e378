import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('config', () => {
  it('gives defaults when nothing is set', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.dataDir, './data');
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.logLevel, 'info');
  });

  it('treats empty variables as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '', PORT: '' }).port, 3000);
  });

  it('names every bad variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SESSION_SECRET: 'short' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        const text = err.problems.join('\n');
        for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SESSION_SECRET']) assert.match(text, new RegExp(name));
        return true;
      },
    );
  });

  it('requires a session secret in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET/);
    const c = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    assert.equal(c.sessionSecret, 'x'.repeat(40));
  });

  it('trusts no proxy unless TRUST_PROXY names one, in a form Express accepts', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy, ['loopback']);
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7' }).trustProxy, ['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.7']);
    for (const bad of ['true', 'everyone', '10.0.0.0/33', '10.0.0.300', 'loopback,,', '::1/129', '10.0.0.0/8/8']) {
      assert.throws(() => loadConfig({ TRUST_PROXY: bad }), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.problems.join('\n'), /^TRUST_PROXY: must be a hop count or a comma-separated list/);
        return true;
      }, bad);
    }
  });

  it('reads the store budget and write pool size, and names bad values', () => {
    const d = loadConfig({});
    assert.deepEqual([d.ingestStatementTimeoutMs, d.ingestPoolSize], [30_000, 4]);
    const c = loadConfig({ INGEST_STATEMENT_TIMEOUT_MS: '5000', INGEST_POOL_SIZE: '2' });
    assert.deepEqual([c.ingestStatementTimeoutMs, c.ingestPoolSize], [5000, 2]);
    assert.throws(() => loadConfig({ INGEST_STATEMENT_TIMEOUT_MS: '0', INGEST_POOL_SIZE: 'many' }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.problems.join('\n'), /INGEST_STATEMENT_TIMEOUT_MS[\s\S]*INGEST_POOL_SIZE/);
      return true;
    });
  });

  it('accepts a postgres URL and a port', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@localhost/db', PORT: '8080' });
    assert.equal(c.databaseUrl, 'postgres://u@localhost/db');
    assert.equal(c.port, 8080);
  });
});
