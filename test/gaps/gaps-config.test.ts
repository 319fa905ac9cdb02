import { loadConfig } from '../../src/config';

describe('gaps settings', () => {
  it('record nothing by default', () => {
    const c = loadConfig({});
    expect(c.gapsRetentionDays).toBe(0);
    expect(c.gapsAdmins).toEqual([]);
  });

  it('read the retention in days and the admins as a list of object ids', () => {
    const c = loadConfig({
      GAPS_RETENTION_DAYS: '30',
      GAPS_ADMINS: '6a1c9a1e-0000-4000-8000-000000000001, 6a1c9a1e-0000-4000-8000-000000000002;',
    });
    expect(c.gapsRetentionDays).toBe(30);
    expect(c.gapsAdmins).toEqual([
      '6a1c9a1e-0000-4000-8000-000000000001',
      '6a1c9a1e-0000-4000-8000-000000000002',
    ]);
  });

  it('refuse a negative or fractional retention and an admin that is not an object id', () => {
    expect(() => loadConfig({ GAPS_RETENTION_DAYS: '-1' })).toThrow(/GAPS_RETENTION_DAYS/);
    expect(() => loadConfig({ GAPS_RETENTION_DAYS: '1.5' })).toThrow(/GAPS_RETENTION_DAYS/);
    expect(() => loadConfig({ GAPS_ADMINS: 'ada@contoso.com' })).toThrow(
      /GAPS_ADMINS: each entry must be an Entra object id/,
    );
  });
});
