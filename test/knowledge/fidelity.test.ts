import { readFileSync } from 'node:fs';
import { entryViolations, fidelityViolations } from '../../src/knowledge/fidelity';
import { loadIndex } from '../../src/knowledge/load';
import type { Entry, KnowledgeIndex } from '../../src/knowledge/schema';

/**
 * The index the check reads: the committed one, or the file FIDELITY_INDEX names (how the counts
 * of an older build are taken; such a file is read as it is, without the current schema).
 */
const index: KnowledgeIndex = process.env.FIDELITY_INDEX
  ? JSON.parse(readFileSync(process.env.FIDELITY_INDEX, 'utf8'))
  : loadIndex();

describe('the fidelity check over the whole index', () => {
  it('finds no departure from the articles in any entry', () => {
    const found = fidelityViolations(index).map((v) => `${v.rule} ${v.entry}: ${v.text}`);
    expect(found).toEqual([]);
  });
});

/** A small entry to break one rule at a time. */
function entry(over: Partial<Entry>): Entry {
  const base = index.entries.find((e) => e.id === 'afs-err-80c8027a')!;
  return { ...base, id: 'x', related: [], details: [], cause: 'Why.', ...over } as Entry;
}
const rules = (e: Entry, ix: KnowledgeIndex = index) => entryViolations(e, ix).map((v) => v.rule);
const blocks = (...b: Entry['remediation']['blocks']) => ({ remediation: { blocks: b } });

describe('each rule of the fidelity check', () => {
  it('flags Learn markup and markdown escapes in code', () => {
    expect(
      rules(entry(blocks({ text: 'See :::image type="content" source="a.png":::' }))),
    ).toContain('markup');
    expect(rules(entry(blocks({ text: '[!NOTE] Read this.' })))).toContain('markup');
    expect(
      rules(
        entry(blocks({ commands: [{ language: 'powershell', code: '$r = "\\<Az_Region>"' }] })),
      ),
    ).toContain('markup');
  });

  it('flags a lead-in with nothing after it', () => {
    expect(rules(entry(blocks({ text: 'Run the following command:' })))).toContain(
      'dangling-lead-in',
    );
  });

  it('flags a condition or warning shown after the action it qualifies', () => {
    const e = entry(
      blocks(
        { list: 'sequence', steps: [{ text: 'Remove the server endpoint.' }] },
        { callouts: [{ kind: 'warning', text: 'This loses data.' }] },
      ),
    );
    expect(rules(e)).toContain('qualifier-after-action');
  });

  it('flags causes and conditions shown as steps, and an action shown as the cause', () => {
    const causes = entry({
      cause: 'These errors can occur if there are:',
      ...blocks({ list: 'sequence', steps: [{ text: 'Many changes.' }] }),
    });
    expect(rules(causes)).toContain('step-is-not-an-action');
    expect(rules(entry({ cause: 'Enable "Allow storage account key access".' }))).toContain(
      'step-is-not-an-action',
    );
  });

  it.each([
    'Please verify the volume where the server endpoint is located is attached to the server.',
    'No action required. This error should automatically resolve.',
    'If the error persists for more than a day, create a support request.',
  ])('flags advice shown as the cause: %j', (cause) => {
    expect(rules(entry({ cause }))).toContain('step-is-not-an-action');
  });

  it('takes an explanation for a cause', () => {
    const cause = 'This error occurs because sync detected the replica has been restored.';
    expect(rules(entry({ cause }))).not.toContain('step-is-not-an-action');
  });

  it('flags a step reference the entry cannot resolve', () => {
    const e = entry(
      blocks({ list: 'sequence', steps: [{ text: 'If that fails, repeat step d.' }] }),
    );
    expect(rules(e)).toContain('unresolved-step-reference');
    const lettered = entry(
      blocks({
        list: 'sequence',
        steps: [
          {
            text: 'Do these:',
            substeps: ['a', 'b', 'c', 'If it fails, repeat step d.'].map((text) => ({ text })),
          },
        ],
      }),
    );
    expect(rules(lettered)).not.toContain('unresolved-step-reference');
  });

  it('flags a See also in another product or to superseded guidance', () => {
    const mars = index.entries.find((e) => e.product === 'mars-agent')!;
    expect(rules(entry({ related: [mars.id] }))).toContain('see-also-other-product');
    const older = index.entries.find((e) => e.supersededBy)!;
    expect(older).toBeDefined();
    expect(rules(entry({ related: [older.id] }))).toContain('see-also-superseded');
  });

  it('flags a destructive step without a warning before it or a link to the deprovision guide', () => {
    const e = entry(
      blocks({
        list: 'sequence',
        steps: [{ text: 'Remove the server endpoint in the sync group.' }],
      }),
    );
    expect(rules(e)).toEqual(['destructive-without-warning', 'destructive-without-warning']);
  });
});
