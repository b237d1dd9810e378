import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitExtraction } from '../../src/ingest/fit-extraction.ts';
import { statementOn } from '../factories.ts';

describe('fitExtraction', () => {
  const body = '"We act," said Ann Example.';
  const fit = (extra: Parameters<typeof statementOn>[2]) => fitExtraction({ extractorVersion: 't', statements: [statementOn(body, 'We act', extra)] }).statements[0]!;

  it('leaves what fits untouched', () => {
    const s = statementOn(body, 'We act', { role: { text: 'minister', organization: 'Government' } });
    assert.equal(fitExtraction({ extractorVersion: 't', statements: [s] }).statements[0], s);
  });

  it('drops only the alias, organization or mention over its column, counting code points', () => {
    const long = '😀'.repeat(301);
    const s = fit({
      speaker: { name: 'Ann Example', kind: 'person', mention: { text: long, start: 0, end: 301 }, aliases: ['Ann', long, '😀'.repeat(300)] },
      role: { text: 'minister', organization: long },
    });
    assert.deepEqual(s.speaker, { name: 'Ann Example', kind: 'person', mention: null, aliases: ['Ann', '😀'.repeat(300)] });
    assert.deepEqual(s.role, { text: 'minister', organization: null });
  });

  it('drops a speaker whose name is over 300 characters and a role title over 500', () => {
    const s = fit({ speaker: { name: `Ann ${'x'.repeat(300)}`, kind: 'person', mention: null, aliases: [] }, role: { text: 'r'.repeat(501), organization: null } });
    assert.equal(s.speaker, null);
    assert.equal(s.role, null);
  });
});
