import {
  extractEscalation,
  inferRemediation,
  kindFromTitle,
} from '../../src/knowledge/import/rules';
import { slugify } from '../../src/knowledge/slug';

describe('inferring the remediation flag the article does not state', () => {
  it.each([
    ['No action required.', 'No', 'no-action-required'],
    [
      'Transient error. If the error persists for several days, create a support request.',
      'No',
      'no-action-required',
    ],
    [
      'No action required if this error is reported when uploading the file. If the error is reported when downloading the file, rename the file.',
      'Maybe',
      'conditional-action',
    ],
    [
      'If the error persists for more than a day, create a support request.',
      'Maybe',
      'escalate-if-persists',
    ],
    ['Rename the file or directory in question.', 'Yes', 'action-described'],
    ['N/A', 'No', 'not-applicable'],
    ['This error should automatically resolve.', 'No', 'self-resolving'],
  ])('%j → %s (%s)', (text, flag, rule) => {
    expect(inferRemediation(text, 'azure-file-sync')).toEqual({ flag, rule });
  });

  it('takes MARS recommended actions as remediation required', () => {
    expect(inferRemediation('Download new credentials.', 'mars-agent')).toEqual({
      flag: 'Yes',
      rule: 'mars-recommended-actions',
    });
  });
});

describe('extracting escalation guidance', () => {
  it.each([
    ['If this error persists for several hours, create a support request.', 'wait-then-support', 6],
    [
      'If the error persists for more than a day, create a support request.',
      'wait-then-support',
      24,
    ],
    ['If the error persists for several days, create a support request.', 'wait-then-support', 72],
    [
      'If these errors persist for longer than a couple hours though, follow the steps below.',
      'wait-then-support',
      2,
    ],
    [
      'If the error persists after upgrading the agent, create a support request.',
      'support-if-unresolved',
      null,
    ],
    [
      'Contact your network administrator for additional assistance troubleshooting network connectivity.',
      'contact-network-admin',
      null,
    ],
  ])('%j → %s after %s hours', (text, action, hours) => {
    const e = extractEscalation(
      `Some steps first. ${text}`,
      'azure-file-sync',
      'session-error',
      'Yes',
    );
    expect(e).toMatchObject({ action, waitHours: hours, source: 'stated' });
    expect(e.text).toBe(text);
  });

  it('adds what the steps mention to what to collect', () => {
    const e = extractEscalation(
      'Run Test-StorageSyncNetworkConnectivity. If it persists for several hours, create a support request.',
      'azure-file-sync',
      'session-error',
      'Yes',
    );
    expect(e.collect).toContain('Test-StorageSyncNetworkConnectivity output from the server');
    expect(e.collect.some((c) => c.includes('AFSDiag'))).toBe(true);
  });

  it('defaults by kind when the article says nothing', () => {
    expect(
      extractEscalation('Rename the file.', 'azure-file-sync', 'per-item-error', 'Yes'),
    ).toMatchObject({ action: 'support-if-unresolved', source: 'default' });
    expect(
      extractEscalation('Look at the 9102 event.', 'azure-file-sync', 'question', null),
    ).toMatchObject({ action: 'none', source: 'default' });
    expect(
      extractEscalation('Nothing to do.', 'azure-file-sync', 'session-error', 'No').action,
    ).toBe('none');
    expect(extractEscalation('x', 'mars-agent', 'mars-error', 'Yes').collect[0]).toMatch(
      /error message and its ID/,
    );
  });
});

describe('titles', () => {
  it('tells questions from procedures', () => {
    expect(kindFromTitle('How do I monitor sync health?')).toBe('question');
    expect(kindFromTitle('Troubleshoot files that fail to tier')).toBe('procedure');
  });

  it('slugs headings as GitHub and Microsoft Learn do', () => {
    expect(
      slugify(
        "Scenario 1: I want to delete a server endpoint, and I don't need Azure File Sync server local data",
      ),
    ).toBe(
      'scenario-1-i-want-to-delete-a-server-endpoint-and-i-dont-need-azure-file-sync-server-local-data',
    );
    expect(slugify('Troubleshooting per file/directory sync errors')).toBe(
      'troubleshooting-per-filedirectory-sync-errors',
    );
  });
});
