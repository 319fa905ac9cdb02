import { join } from 'node:path';
import { buildIndex, listArticles, serializeIndex } from '../../src/knowledge/import/build';
import { entryCommands, entrySteps } from '../../src/knowledge/display';
import type { KnowledgeIndex } from '../../src/knowledge/schema';
import { FIXTURES } from '../helpers';

const dir = (name: string) => join(FIXTURES, 'articles', name);
const build = (...names: string[]) => buildIndex(listArticles(names.map(dir)), {});
const entry = (index: KnowledgeIndex, anchor: string) =>
  index.entries.find((e) => e.anchors.includes(anchor));
const messages = (r: ReturnType<typeof build>) =>
  r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`);

describe('importer on well-formed articles', () => {
  const result = build('good');
  const index = result.index!;

  it('builds an index and reports no errors', () => {
    expect(messages(result).filter((m) => m.includes('error:'))).toEqual([]);
    expect(index).not.toBeNull();
  });

  it('reads a session error section with its code table, steps and commands', () => {
    const e = entry(index, '-2134364065')!;
    expect(e.kind).toBe('session-error');
    expect(e.codes[0]).toMatchObject({
      hresult: '0x80c8305f',
      decimal: -2134364065,
      errorString: 'ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED',
      remediationRequired: 'Yes',
      remediationSource: 'stated',
    });
    expect(entrySteps(e)[0].text).toBe('Verify the storage account exists.');
    expect(entryCommands(e)).toEqual([
      {
        language: 'powershell',
        code: 'Test-NetConnection -ComputerName example.afs.azure.net -Port 443',
      },
    ]);
    // The link names the section itself, not the rows of its table, which share its anchor.
    const monitor = index.entries.find((x) => x.title === 'How do I monitor sync health?')!;
    expect(e.related).toContain(monitor.id);
  });

  it('turns each per-item row into an entry with an inferred remediation flag', () => {
    const rename = index.entries.find(
      (e) => e.kind === 'per-item-error' && e.codes[0].hresult === '0x8007007b',
    )!;
    expect(rename.codes[0]).toMatchObject({
      remediationRequired: 'Yes',
      remediationSource: 'inferred',
      remediationRule: 'action-described',
    });
    const inUse = index.entries.find((e) => e.codes[0]?.hresult === '0x80070020')!;
    expect(inUse.codes[0]).toMatchObject({
      remediationRequired: 'No',
      remediationRule: 'no-action-required',
    });
    expect(rename.anchors).toEqual(['per-item-errors']);
  });

  it('keeps a wrong decimal as an alias and reports the disagreement with file and line', () => {
    const badNet = index.entries.find((e) => e.codes[0]?.hresult === '0x80070043')!;
    expect(badNet.codes[0].decimal).toBe(-2147024829);
    expect(badNet.codes[0].aliases).toContain('-2147942467');
    expect(messages(result)).toContainEqual(
      expect.stringMatching(/^sync-errors-new\.md:26: warning: hex and decimal disagree/),
    );
  });

  it('extracts escalation guidance into hours to wait and an action', () => {
    const cancelled = entry(index, '-2147023673')!;
    expect(cancelled.escalation).toMatchObject({
      action: 'wait-then-support',
      waitHours: 6,
      source: 'stated',
    });
    const badNet = index.entries.find((e) => e.codes[0]?.hresult === '0x80070043')!;
    expect(badNet.escalation).toMatchObject({ action: 'wait-then-support', waitHours: 24 });
  });

  it('reports an empty code table and an unresolved include', () => {
    expect(messages(result)).toContainEqual(expect.stringMatching(/warning: empty code table/));
    expect(messages(result)).toContainEqual(expect.stringMatching(/warning: unresolved include/));
  });

  it('reads the health-status table into entries', () => {
    const noActivity = index.entries.find(
      (e) => e.kind === 'health-status' && e.title.endsWith('No Activity'),
    )!;
    expect(noActivity.cause).toBe('No telemetry for two hours.');
    // "If the status doesn't change for several hours, see the section" sends the reader to more
    // reading: it sets no wait before a support request.
    expect(noActivity.escalation.waitHours).toBeNull();
    expect(noActivity.escalation.action).not.toBe('wait-then-support');
    expect(noActivity.remediation.blocks).toEqual([
      { condition: "If the status doesn't change for several hours", text: 'See the section.' },
    ]);
  });

  it('is deterministic: the same input gives byte-identical output', () => {
    expect(serializeIndex(build('good').index!)).toBe(serializeIndex(index));
  });
});

describe('importer merging two versions of an article', () => {
  const result = build('good', 'older');
  const index = result.index!;

  it('lets the newer article win and keeps the renamed error string as an alias', () => {
    const e = entry(index, '-2134364065')!;
    expect(e.source.file).toBe('sync-errors-new.md');
    expect(e.codes[0].errorString).toBe('ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED');
    expect(e.codes[0].aliases).toContain('ECS_E_CANNOT_ACCESS_EXTERNAL_STORAGE_ACCOUNT');
    expect(e.alsoIn.map((s) => s.file)).toEqual(['sync-errors-old.md']);
  });

  it('keeps a code only the older article has, marked as older-agent guidance', () => {
    const e = entry(index, '-2134364052')!;
    expect(e.codes[0]).toMatchObject({ hresult: '0x80c8306c', olderAgentOnly: true });
    expect(e.warnings.join(' ')).toMatch(/older/);
  });

  it('keeps older sections the newer article does not cover, unmarked', () => {
    const e = entry(index, 'agent-install')!;
    expect(entryCommands(e)[0].code).toBe('StorageSyncAgent.msi /l*v AFSInstaller.log');
    expect(e.warnings).toEqual([]);
  });
});

describe('importer on malformed input', () => {
  it('refuses a broken table with an error naming file and line, and builds no index', () => {
    const r = build('broken-table');
    expect(r.index).toBeNull();
    expect(messages(r)).toContainEqual(
      expect.stringMatching(/^broken\.md:7: error: malformed table/),
    );
  });

  it('refuses a code that is not hex', () => {
    const r = build('bad-hex');
    expect(r.index).toBeNull();
    expect(messages(r)).toContainEqual(
      expect.stringMatching(/^bad-hex\.md:9: error: HRESULT "0x80ZZ004c" is not a 32-bit hex code/),
    );
  });

  it('refuses binary garbage', () => {
    const r = build('binary');
    expect(r.index).toBeNull();
    expect(messages(r)).toContainEqual(
      expect.stringMatching(/^garbage\.md:\d+: error: not a markdown text file/),
    );
  });

  it('accepts a section without an anchor but says so', () => {
    const r = build('no-anchor');
    expect(r.index).not.toBeNull();
    expect(messages(r)).toContainEqual(
      expect.stringMatching(
        /^no-anchor\.md:5: warning: section "The user request was throttled by the service\." has no anchor/,
      ),
    );
    expect(r.index!.entries.find((e) => e.codes[0]?.hresult === '0x80c8004c')!.warnings).toContain(
      'section has no anchor in the article',
    );
  });

  it('fails the whole build when one of several articles is bad', () => {
    const r = build('good', 'bad-hex');
    expect(r.index).toBeNull();
    expect(r.report).toMatch(/errors: 1/);
  });
});
