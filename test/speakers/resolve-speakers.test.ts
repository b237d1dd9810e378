import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { isNamedSpeaker, normalizeAlias, samePersonName } from '../../src/speakers/speakers.ts';
import { resolveSpeakers, speakerLockKeys } from '../../src/speakers/speakers.queries.ts';
import { connectAgain, testDatabase } from '../helpers/database.ts';

describe('speaker names', () => {
  it('normalize without case, diacritics, punctuation, possessives or a leading "the"', () => {
    assert.equal(normalizeAlias('The Chinese Embassy in Wellington'), 'chinese embassy in wellington');
    assert.equal(normalizeAlias('Emmanuel Macrón’s'), 'emmanuel macron');
    assert.equal(normalizeAlias('Antony J. Blinken'), 'antony j blinken');
  });

  it('match people only when given names are compatible', () => {
    assert.equal(samePersonName('Antony J. Blinken', 'Antony Blinken'), true);
    assert.equal(samePersonName('A. Blinken', 'Antony Blinken'), true);
    assert.equal(samePersonName('Hunter Biden', 'Joe Biden'), false);
    assert.equal(samePersonName('George H. W. Bush', 'George W. Bush'), false);
    assert.equal(samePersonName('Blinken', 'Antony Blinken'), false);
  });
});

describe('resolveSpeakers', () => {
  let db: Kysely<Database>;
  before(async () => {
    db = (await testDatabase()).db;
  });
  const person = (name: string, aliases: string[] = []) => ({ name, kind: 'person' as const, aliases });

  it('creates speakers once and finds them again by any alias', async () => {
    const [blinken, embassy] = await resolveSpeakers(db, [
      person('Antony Blinken', ['Blinken', 'US Secretary of State Antony Blinken']),
      { name: 'Chinese embassy in Wellington', kind: 'organization', aliases: ['The Chinese embassy in Wellington'] },
    ]);
    const again = await resolveSpeakers(db, [
      person('Antony J. Blinken'),
      { name: 'the Chinese Embassy in Wellington', kind: 'organization', aliases: [] },
    ]);
    assert.deepEqual(again, [blinken, embassy]);
    const aliases = await db.selectFrom('speaker_aliases').select('alias').where('speaker_id', '=', blinken!).execute();
    assert.ok(aliases.some((a) => a.alias === 'Antony J. Blinken'), 'the new spelling is kept as an alias');
  });

  it('never merges two people who share a surname, nor a lone surname', async () => {
    const [joe] = await resolveSpeakers(db, [person('Joe Biden', ['Biden'])]);
    const [hunter] = await resolveSpeakers(db, [person('Hunter Biden')]);
    const [lone] = await resolveSpeakers(db, [person('Biden')]);
    assert.notEqual(joe, hunter);
    assert.notEqual(lone, joe);
    assert.notEqual(lone, hunter);
    assert.deepEqual(await resolveSpeakers(db, [person('Biden')]), [lone], 'a lone name matches only itself');
  });

  it('requires the kind to agree', async () => {
    const [org] = await resolveSpeakers(db, [{ name: 'Jordan Peterson Institute', kind: 'organization', aliases: [] }]);
    const [someone] = await resolveSpeakers(db, [person('Jordan Peterson Institute')]);
    assert.notEqual(org, someone);
  });

  it('resolves a batch with repeats in one call', async () => {
    const ids = await resolveSpeakers(db, [person('Ned Price', ['Price']), person('Ned Price'), person('Wendy Sherman')]);
    assert.equal(ids[0], ids[1]);
    assert.notEqual(ids[0], ids[2]);
  });
});

describe('speakerLockKeys', () => {
  it('gives two stores that could resolve to one speaker a key in common', () => {
    const keys = (name: string, kind: 'person' | 'organization' = 'person', aliases: string[] = []) => new Set(speakerLockKeys([{ name, kind, aliases }]));
    const shared = (a: Set<string>, b: Set<string>) => [...a].some((k) => b.has(k));
    assert.ok(shared(keys('Antony Blinken'), keys('Antony J. Blinken')), 'a middle initial');
    assert.ok(shared(keys('Antony Blinken'), keys('Blinken')), 'a lone surname');
    assert.ok(shared(keys('Hillary Clinton', 'person', ['Hillary Rodham']), keys('Hillary Rodham')), 'through an alias');
    assert.ok(!shared(keys('Blinken'), keys('Blinken', 'organization')), 'kinds apart');
    assert.deepEqual([...keys('The Chinese Embassy in Wellington', 'organization')], ['organization:chinese embassy in wellington']);
  });
});

describe('isNamedSpeaker', () => {
  it('keeps names and drops generic sources, pronouns and bare nominals', () => {
    for (const named of ['Antony Blinken', 'NATO', 'US officials', 'the Chinese embassy in Wellington', 'embassy in Canberra']) assert.equal(isNamedSpeaker(named), true, named);
    for (const generic of ['experts', 'the report', 'they', 'The embassy', 'A spokesman', 'voters']) assert.equal(isNamedSpeaker(generic), false, generic);
  });
});

// Bulk ingestion (issue 14): stores that only find stored speakers hold the name locks
// shared, so they run side by side; one that creates a speaker of the same surname waits.
describe('speaker name locks between concurrent stores', { skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL: embedded PGlite has one connection' }, () => {
  const person = (name: string) => ({ name, kind: 'person' as const, aliases: [] });

  it('lets two stores of a stored person run at once, and makes a new namesake wait for them', async () => {
    const handle = await testDatabase();
    const other = await connectAgain(handle);
    const third = await connectAgain(handle);
    const [lee] = await resolveSpeakers(handle.db, [person('Ann Lee')]);
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstResolved!: () => void;
    const resolvedInFirst = new Promise<void>((resolve) => (firstResolved = resolve));
    const first = handle.db.transaction().execute(async (trx) => {
      assert.deepEqual(await resolveSpeakers(trx, [person('Ann Lee')]), [lee]);
      firstResolved();
      await firstHolds;
    });
    await resolvedInFirst;
    // The first transaction still holds its locks: a second reader of Ann Lee does not wait.
    const second = await Promise.race([
      other.db.transaction().execute((trx) => resolveSpeakers(trx, [person('Ann Lee')])),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the second reader waited for the first store')), 5000).unref()),
    ]);
    assert.deepEqual(second, [lee]);
    // Creating Bob Lee takes the "lee" lock exclusive: it waits for the first store's commit.
    let created = false;
    const namesake = third.db.transaction().execute(async (trx) => {
      const ids = await resolveSpeakers(trx, [person('Bob Lee')]);
      created = true;
      return ids;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(created, false, 'a new speaker of a locked surname waits for the store holding it');
    releaseFirst();
    await first;
    const [bob] = await namesake;
    assert.ok(bob !== lee);
  });

  it('locks only the new speaker exclusive: a store naming a known and a new person does not hold off the known one', async () => {
    const handle = await testDatabase();
    const other = await connectAgain(handle);
    const [known] = await resolveSpeakers(handle.db, [person('Cora Known')]);
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstResolved!: () => void;
    const resolvedInFirst = new Promise<void>((resolve) => (firstResolved = resolve));
    const first = handle.db.transaction().execute(async (trx) => {
      const ids = await resolveSpeakers(trx, [person('Cora Known'), person('Dan Newcomer')]);
      firstResolved();
      await firstHolds;
      return ids;
    });
    await resolvedInFirst;
    const second = await Promise.race([
      other.db.transaction().execute((trx) => resolveSpeakers(trx, [person('Cora Known')])),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the reader of a known person waited for a store creating another')), 5000).unref()),
    ]);
    assert.deepEqual(second, [known]);
    releaseFirst();
    const [sameKnown, newcomer] = await first;
    assert.equal(sameKnown, known);
    assert.ok(newcomer !== known);
  });
});
