import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { mergeSpeakers } from '../../src/speakers/speaker-merge.queries.ts';
import { undoSpeakerMerge } from '../../src/speakers/speaker-unmerge.queries.ts';
import { resolveSpeakers } from '../../src/speakers/speakers.queries.ts';
import { testDatabase } from '../helpers/database.ts';

describe('resolving names of merged speakers', () => {
  let db: Kysely<Database>;
  const person = (name: string) => ({ name, kind: 'person' as const, aliases: [] });
  const merge = (keptId: number, otherId: number) =>
    db.transaction().execute(async (trx) => {
      const versions = await trx.selectFrom('speakers').select(['id', 'version']).where('id', 'in', [keptId, otherId]).execute();
      const v = (id: number) => versions.find((r) => r.id === id)!.version;
      return mergeSpeakers(trx, { keptId, otherId, version: v(keptId), otherVersion: v(otherId), userId: null as unknown as number });
    });
  before(async () => {
    db = (await testDatabase()).db;
  });

  it('finds the kept speaker by the merged one\'s name, exactly or as a compatible spelling', async () => {
    const [bob] = await resolveSpeakers(db, [person('Bob Builder')]);
    const [robert] = await resolveSpeakers(db, [person('Robert Builder')]);
    assert.notEqual(bob, robert);
    assert.deepEqual(await db.transaction().execute((trx) => resolveSpeakers(trx, [person('R. Builder')])), [robert], 'before the merge: Robert');
    await db.deleteFrom('speaker_aliases').where('normalized_alias', '=', 'r builder').execute();
    await merge(bob!, robert!);
    assert.deepEqual(await resolveSpeakers(db, [person('Robert Builder')]), [bob], 'the exact name: its alias moved');
    assert.deepEqual(await resolveSpeakers(db, [person('R. Builder')]), [bob], 'a compatible spelling of the merged name');
  });

  it('follows merges of merges, and a speaker stands alone again once its merge is undone', async () => {
    const [x] = await resolveSpeakers(db, [person('Xavier Quill')]);
    const [y] = await resolveSpeakers(db, [person('Yusuf Quill')]);
    const [z] = await resolveSpeakers(db, [person('Zelda Quill')]);
    const first = await merge(y!, x!);
    const second = await merge(z!, y!);
    assert.deepEqual(await resolveSpeakers(db, [person('X. Quill')]), [z]);
    const undo = (id: number) => db.transaction().execute((trx) => undoSpeakerMerge(trx, id, null as unknown as number));
    await assert.rejects(undo(first.id), /undo that merge first/, 'the later merge must be undone first');
    await undo(second.id);
    await undo(first.id);
    assert.deepEqual(await resolveSpeakers(db, [person('Xavier Quill')]), [x]);
    assert.deepEqual(await resolveSpeakers(db, [person('Yusuf Quill')]), [y]);
  });
});
