/**
 * Three projects: `unit` (in-process, seconds), `integration` (servers, Azurite, Chromium, child
 * processes) and `reliability` (fuzzing, faults, SIGKILL loops, the soak). `npm test` runs the first
 * two; `npm run test:reliability` the third. Types are checked once by `tsc` in `npm run lint`, so
 * ts-jest only transpiles (tsconfig.jest.json sets isolatedModules).
 * @type {import('jest').Config}
 */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  moduleNameMapper: {
    '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js',
  },
};

/** Folders (and notify suites) whose tests start a server, a browser, Azurite or a process. */
const INTEGRATION_DIRS = ['web', 'bot', 'cli', 'http', 'storage', 'health', 'teams-app', 'deploy'];
const INTEGRATION_NOTIFY = ['http', 'e2e', 'blob', 'crash'];
/** Bot suites that run in process (commands and card actions called directly, the routing table on a TestAdapter). */
const UNIT_BOT = ['commands', 'card-action', 'router', 'activity-schema'];

module.exports = {
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/test/reliability/',
        ...INTEGRATION_DIRS.map((d) =>
          d === 'bot'
            ? `<rootDir>/test/bot/(?!(${UNIT_BOT.join('|')})\\.test\\.ts$)`
            : `<rootDir>/test/${d}/`,
        ),
        `<rootDir>/test/notify/.*-(${INTEGRATION_NOTIFY.join('|')})\\.test\\.ts$`,
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: [
        ...INTEGRATION_DIRS.map((d) => `<rootDir>/test/${d}/**/*.test.ts`),
        `<rootDir>/test/notify/*-{${INTEGRATION_NOTIFY.join(',')}}.test.ts`,
        `!**/test/bot/{${UNIT_BOT.join(',')}}.test.ts`,
      ],
    },
    {
      ...shared,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
    },
  ],
};
