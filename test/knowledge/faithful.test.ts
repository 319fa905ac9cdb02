import { readFileSync } from 'node:fs';
import { displayItems, entrySteps } from '../../src/knowledge/display';
import { loadIndex } from '../../src/knowledge/load';
import type { Entry, KnowledgeIndex } from '../../src/knowledge/schema';
import { seedsPresent } from '../helpers';

/**
 * The answers the articles' readers were misled by, read as a reader meets them (display order).
 * FIDELITY_INDEX names another build to read instead (as it is, without the current schema).
 */
const index: KnowledgeIndex = process.env.FIDELITY_INDEX
  ? JSON.parse(readFileSync(process.env.FIDELITY_INDEX, 'utf8'))
  : loadIndex();
const maybe = seedsPresent() ? describe : describe.skip;

const byId = (id: string) => {
  const e = index.entries.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};
const byCode = (hex: string, kind: Entry['kind'] = 'session-error') =>
  index.entries.find((e) => e.kind === kind && e.codes.some((c) => c.hresult === hex))!;
/** Position of the first displayed piece containing `text`. */
const at = (e: Entry, text: string) => displayItems(e).findIndex((i) => i.text.includes(text));
const roleOf = (e: Entry, text: string) => displayItems(e).find((i) => i.text.includes(text))?.role;
const guide = () =>
  index.entries.find((e) =>
    e.anchors.includes('deprovision-or-delete-your-azure-file-sync-server-endpoint'),
  )!;

maybe('answers that follow the structure of their articles', () => {
  it('0x80c8027a: the renamed case and the deleted case each come before their own actions', () => {
    const e = byCode('0x80c8027a');
    expect(at(e, 'If the directory was renamed')).toBeLessThan(at(e, 'Rename the directory back'));
    expect(at(e, 'If the directory was deleted')).toBeGreaterThan(
      at(e, 'Rename the directory back'),
    );
    expect(at(e, 'If the directory was deleted')).toBeLessThan(at(e, 'Remove the server endpoint'));
    expect(e.cause).not.toMatch(/rename the directory back/i);
  });

  it('"already in use by a different CloudEndpoint": the condition and the warning come before deleting the metadata', () => {
    const e = byId('afs-cloud-endpoint-using-share');
    const del = at(e, 'select Delete');
    expect(at(e, 'currently is not in use by a cloud endpoint')).toBeLessThan(del);
    expect(at(e, 'Deleting the metadata on an Azure file share')).toBeLessThan(del);
    expect(roleOf(e, 'Deleting the metadata')).toBe('warning');
  });

  it('"This server is already registered": Reset-StorageSyncServer comes after its condition', () => {
    const e = byId('afs-server-already-registered');
    expect(at(e, 'If the server is not listed under Registered servers')).toBeLessThan(
      at(e, 'Reset-StorageSyncServer'),
    );
  });

  it('0x80c80219 and 0x80c80299: causes and conditions are details, not steps', () => {
    const sync = byCode('0x80c80219');
    expect(sync.details?.[0]).toMatchObject({ kind: 'causes' });
    expect(roleOf(sync, 'A high number of file changes')).toBe('detail');
    const empty = byCode('0x80c80299');
    expect(empty.details?.[0]).toMatchObject({ kind: 'conditions' });
    expect(roleOf(empty, 'initial sync mode: server authoritative')).toBe('detail');
    expect(displayItems(empty).filter((i) => i.role === 'step')).toHaveLength(2);
  });

  it('deprovision Scenario 1: use cases are details; the three steps are steps', () => {
    const e = byId('afs-scenario-1-i-want-to-delete-a-server-endpoint-and-i');
    expect(e.details?.[0]).toMatchObject({ kind: 'use-cases' });
    expect(
      displayItems(e)
        .filter((i) => i.role === 'step')
        .map((i) => i.text),
    ).toEqual([
      'Remove user access.',
      'Initiate a special VSS upload session.',
      'Wait for a final sync session to complete.',
    ]);
  });

  it('cloud endpoint AuthorizationFailed: permissions and roles are details; the checks are steps', () => {
    const e = byId('afs-cloud-endpoint-authfailed');
    expect(e.details?.map((d) => d.kind)).toEqual(['permissions', 'permissions']);
    expect(roleOf(e, 'Read: Get role definition')).toBe('detail');
    expect(roleOf(e, 'User Access Administrator')).toBe('detail');
    expect(roleOf(e, 'select Resource groups')).toBe('step');
  });

  it('MARS 230006: the two ways out are alternatives; 34513: each cause has its own actions', () => {
    const stamp = byId('mars-resource-not-provisioned-in-service-stamp');
    expect(stamp.remediation.blocks?.[0]).toMatchObject({ list: 'alternatives' });
    const creds = byId('mars-invalid-vault-credentials-provided');
    expect(creds.details?.[0].items).toHaveLength(3);
    expect(creds.remediation.blocks?.filter((b) => b.heading).map((b) => b.heading)).toEqual([
      "Vault credentials aren't valid",
      'Proxy server/firewall is blocking registration or No internet connectivity',
      'Antivirus software is blocking registration',
    ]);
  });

  it('0x80070005: sub-steps a–d stay sub-steps, so "repeat step d" names one', () => {
    const e = byCode('0x80070005');
    const verify = entrySteps(e).find((s) => s.text.startsWith('Verify the NT AUTHORITY'))!;
    expect(verify.substeps).toHaveLength(4);
    expect(verify.substeps![3].text).toContain('repeat step d');
  });

  it('0x80c8307c: its action is an action, and its See also stays in Azure File Sync', () => {
    const e = byCode('0x80c8307c');
    expect(e.cause).toBe('');
    expect(roleOf(e, 'Allow storage account key access')).toBe('text');
    for (const r of e.related) expect(byId(r).product).toBe('azure-file-sync');
  });

  it('0x80c80200 (per-item) needs action: "to resolve this issue, reduce the number of conflict files"', () => {
    const e = byCode('0x80c80200', 'per-item-error');
    expect(e.codes[0].remediationRequired).toBe('Yes');
  });

  it.each([
    // "No action required. This error should automatically resolve. If the error persists…"
    ['0x80c8021f', 'No action required.'],
    ['0x80131509', 'If the error persists for more than a day'],
    ['0x80c87104', 'Please verify the volume'],
    ['0x80004003', 'Please upgrade to the latest file sync agent version.'],
    ['0x800704c3', 'Disconnect all previous connections'],
  ])(
    '%s: an opening that says what to do is shown as what to do, not as the cause',
    (hex, text) => {
      const e = byCode(hex);
      expect(e.cause).not.toContain(text);
      expect(roleOf(e, text)).not.toBe('cause');
      expect(at(e, text)).toBeGreaterThanOrEqual(0);
    },
  );

  it('no error gives an instruction or "no action required" as its cause', () => {
    const instructing = index.entries.filter(
      (e) =>
        e.kind !== 'overview' &&
        /^(please\b|no action (is )?required|if the (error|issue) persists|disconnect\b)/i.test(
          e.cause,
        ),
    );
    expect(instructing.map((e) => `${e.id}: ${e.cause}`)).toEqual([]);
  });

  it('health status Pending invents no wait before a support request', () => {
    const e = byId('afs-health-pending');
    expect(e.escalation.waitHours).toBeNull();
    expect(e.escalation.action).not.toBe('wait-then-support');
  });
});

maybe('audience and currency', () => {
  it('the support engineers guide is for support, with every part it has', () => {
    const e = byId('afs-how-to-check-for-sync-errors');
    expect(e.audience).toBe('support');
    const text = displayItems(e)
      .map((i) => i.text)
      .join('\n');
    for (const part of [
      'Jarvis',
      '7005 and 7006',
      'Event ID 9121',
      'ERROR_CANCELLED',
      'AppliedFileCount',
    ])
      expect(text).toContain(part);
    expect(index.entries.filter((x) => x.audience === 'support').map((x) => x.id)).toEqual([e.id]);
  });

  it('2019 "allow access from all networks" is older guidance no current answer links', () => {
    const rules = byId('afs-troubleshoot-network-rules');
    expect(rules.supersededBy).toBe(byCode('0x80c8305f').id);
    for (const hex of ['0x80c8305f', '0x80c83060'])
      expect(byCode(hex).related).not.toContain(rules.id);
  });
});

maybe('safety links', () => {
  it.each(['0x80c8027a', '0x80c80299', '0x80c8027e'])(
    '%s carries the deprovision warning before its removal steps and links the guide first',
    (hex) => {
      const e = byCode(hex);
      const g = guide();
      expect(e.related[0]).toBe(g.id);
      const items = displayItems(e);
      const warn = items.findIndex((i) => i.role === 'warning' && /deprovisioning/.test(i.text));
      const removal = items.findIndex(
        (i) =>
          /\b(Remove|Delete)\b.*(server endpoint|sync group)/.test(i.text) && i.role === 'step',
      );
      expect(warn).toBeGreaterThanOrEqual(0);
      expect(warn).toBeLessThan(removal);
    },
  );

  it('the guide itself holds "don\'t try to resolve sync issues by deprovisioning"', () => {
    const items = displayItems(guide());
    expect(
      items.some(
        (i) =>
          i.role === 'warning' &&
          i.text.includes("Don't try to resolve sync issues by deprovisioning"),
      ),
    ).toBe(true);
  });
});

maybe('the question of removing and recreating a server endpoint', () => {
  it('is answered by the deprovision guide warning, which says where it comes from', () => {
    const e = index.entries.find((x) =>
      /should i remove and recreate my server endpoint/i.test(x.title),
    )!;
    const g = guide();
    expect(e.related[0]).toBe(g.id);
    const first = displayItems(e).find((i) => i.role !== 'cause')!;
    expect(first).toMatchObject({ role: 'warning', from: g.id });
    expect(first.text).toContain("Don't try to resolve sync issues by deprovisioning");
  });
});

maybe('MARS table cells', () => {
  it('read "<br/>- item" lines as the list they are (SalLowDiskSpace)', () => {
    const e = byId('mars-sallowdiskspace');
    expect(entrySteps(e).map((s) => s.text)).toEqual([
      'Ensure MARS agent is latest',
      'Verify and resolve storage issues that impact backup scratch space',
    ]);
  });

  it('give each error message of a cell its own line, without list markers (ID 100050)', () => {
    const e = byId('mars-the-microsoft-azure-recovery-service-agent-was-unable');
    expect(e.cause).not.toContain('•');
    expect(e.cause.split('\n')).toHaveLength(2);
  });
});

maybe('links between sections', () => {
  /** The entry a section's own anchor belongs to (not a section that merely contains it). */
  const section = (anchor: string) => {
    const own = index.entries
      .filter((e) => e.source.anchor === anchor)
      .sort((a, b) => a.source.line - b.source.line);
    if (!own.length) throw new Error(`no section ${anchor}`);
    return own[0].id;
  };

  it.each([
    // "Verify and resolve storage issues that impact backup scratch space" links #prerequisites.
    ['sallowdiskspace', 'prerequisites'],
    ['salbitmaperror', 'prerequisites'],
    // "Check your proxy settings" links a sub-section of the entry that holds the link.
    ['invalid-vault-credentials-provided', 'verifying-proxy-settings-for-windows'],
    // Unsupported characters, and the per-item errors table, each by the section they name.
    ['troubleshooting-per-filedirectory-sync-errors', 'handling-unsupported-characters'],
    ['-2147024891', 'troubleshooting-per-filedirectory-sync-errors'],
  ])('a link from %s to #%s relates the section it names', (from, to) => {
    expect(byId(section(from)).related).toContain(section(to));
  });

  it('no section relates the section above the one its link names', () => {
    expect(byId(section('sallowdiskspace')).related).not.toContain(
      section('troubleshoot-cache-problems'),
    );
  });
});

maybe('a section that is part of a larger one', () => {
  const titled = (start: string) => {
    const e = index.entries.find((x) => x.title.startsWith(start));
    if (!e) throw new Error(`no entry titled ${start}`);
    return e;
  };

  it.each([
    // The steps of the deletion scenarios: each says where it belongs, the scenario first.
    ['Recall all tiered files', 'Scenario 2: I want to delete server endpoint'],
    ['Initiate cloud change detection', 'Scenario 2: I want to delete server endpoint'],
    [
      'Remove user access to your server endpoint',
      'Scenario 1: I want to delete a server endpoint',
    ],
    // The health statuses are rows of the table that answers "How do I monitor sync health?".
    ['Server endpoint health status: Pending', 'How do I monitor sync health?'],
    ['Verifying proxy settings for Windows', 'Invalid vault credentials provided'],
  ])('%j is part of %j, linked first among its related', (part, whole) => {
    const e = titled(part);
    expect(e.partOf).toBe(titled(whole).id);
    expect(e.related[0]).toBe(titled(whole).id);
  });

  it('an entry is never part of itself, and the whole it names exists in its article', () => {
    for (const e of index.entries.filter((x) => x.partOf)) {
      const whole = byId(e.partOf!);
      expect(whole.id).not.toBe(e.id);
      expect(whole.source.file).toBe(e.source.file);
    }
  });
});

maybe('commands that use what an earlier section set', () => {
  const titled = (title: string) => index.entries.find((x) => x.title === title)!;

  it.each([
    // "$storageAccount" and "$cloudEndpoint" are set by the commands of the section before.
    'Ensure the Azure file share exists.',
    'Ensure Azure File Sync has access to the storage account.',
  ])('%j names the section to run first, first among its related', (title) => {
    const e = titled(title);
    const first = titled('Verify the storage account exists.');
    expect(e.runFirst).toBe(first.id);
    expect(e.related[0]).toBe(first.id);
  });

  it('no entry is to be run after itself or after a later section', () => {
    for (const e of index.entries.filter((x) => x.runFirst)) {
      const first = byId(e.runFirst!);
      expect(first.source.file).toBe(e.source.file);
      expect(first.source.line).toBeLessThan(e.source.line);
    }
  });
});
