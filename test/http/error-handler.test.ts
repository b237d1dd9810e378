import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import express from 'express';
import { sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import request from 'supertest';
import { describeError, errorHandler } from '../../src/http/error-handler.ts';
import { testDatabase } from '../helpers/database.ts';

// The backstop behind boundary validation: a Postgres data exception (SQLSTATE class 22)
// that still reaches the error handler is the request's fault, so 400, never 500.

function pgError(code: string, message: string): pg.DatabaseError {
  const err = new pg.DatabaseError(message, 0, 'error');
  Object.assign(err, { code, severity: 'ERROR' });
  return err;
}

const GENERIC = /^A value in the request cannot be stored or compared/;

describe('a database data exception reaching the error handler', () => {
  it('maps class 22 codes to 400 with a generic message, never the SQL or the value', () => {
    for (const code of ['22P05', '22021', '22008', '22003', '22007', '22P02']) {
      const body = describeError(pgError(code, 'untranslatable character in "select $1::text"'));
      assert.equal(body.status, 400, code);
      assert.match(body.error, GENERIC);
      assert.doesNotMatch(body.error, /select|untranslatable/);
    }
  });

  it('leaves other database errors (and look-alike codes without a severity) at 500', () => {
    assert.equal(describeError(pgError('23514', 'new row violates check constraint')).status, 500);
    assert.equal(describeError(pgError('57014', 'canceling statement due to statement timeout')).status, 500);
    assert.equal(describeError(Object.assign(new Error('not from Postgres'), { code: '22P05' })).status, 500);
  });

  it('maps the error the database really raises, on this database', async () => {
    const handle = await testDatabase({ migrated: false });
    const err = await sql`select ${'a\u0000b'}::text`.execute(handle.db).then(() => null, (e: unknown) => e);
    assert.equal((err as { code: string }).code, '22021');
    assert.equal(describeError(err).status, 400);
  });

  it('answers 400 JSON over HTTP and logs the code at warn', async () => {
    const lines: { level: number; code?: string; msg: string }[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    const app = express();
    app.get('/api/boom', () => {
      throw pgError('22P05', 'untranslatable character');
    });
    app.use(errorHandler(pino({ level: 'info' }, sink)));
    const res = await request(app).get('/api/boom').expect(400);
    assert.equal(res.body.status, 400);
    assert.match(res.body.error, GENERIC);
    assert.deepEqual(lines.map((l) => [l.level, l.code]), [[40, '22P05']]);
  });
});
