// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const transportOnly = {
  paths: ['botbuilder', 'botbuilder-core', 'botframework-connector', 'restify'],
  patterns: ['botbuilder-*', 'botframework-*'],
};

module.exports = tseslint.config(
  {
    ignores: [
      'dist/**',
      '.bench/**',
      'node_modules/**',
      'coverage/**',
      'bin/**',
      '*.config.js',
      'test/summary-reporter.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Only the bot adapter and the HTTP host may know the transport.
    files: ['src/**/*.ts'],
    ignores: ['src/bot/**', 'src/server.ts', 'src/http/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: transportOnly.paths.map((name) => ({
            name,
            message: 'Only src/bot (and the HTTP host) may import the Bot Framework or restify.',
          })),
          patterns: transportOnly.patterns,
        },
      ],
    },
  },
  {
    // Pages served to the browser: plain scripts with browser globals.
    files: ['src/web/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        AdaptiveCards: 'readonly',
        microsoftTeams: 'readonly',
        URLSearchParams: 'readonly',
        history: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        console: 'readonly',
      },
    },
  },
  {
    files: ['src/cli/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
