// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const transportOnly = {
  paths: ['botbuilder', 'botbuilder-core', 'botframework-connector', 'restify'],
  patterns: ['botbuilder-*', 'botframework-*'],
};

/** Every folder of src, and the folders it may import (the "depends on" column of docs/architecture.md). */
const DEPENDS_ON = {
  knowledge: [],
  matching: ['knowledge'],
  health: [],
  storage: [],
  cards: ['knowledge', 'matching', 'health', 'gaps'],
  gaps: ['knowledge', 'matching', 'storage'],
  notify: ['knowledge', 'health', 'storage', 'cards'],
  eval: ['knowledge', 'matching', 'gaps'],
  answers: ['knowledge', 'matching', 'storage', 'cards', 'gaps'],
  bot: ['knowledge', 'matching', 'health', 'storage', 'cards', 'gaps', 'notify', 'answers'],
  http: ['knowledge', 'matching', 'health', 'storage', 'cards', 'gaps', 'notify', 'answers', 'bot'],
  cli: ['knowledge', 'matching', 'health', 'storage', 'cards', 'gaps', 'notify', 'eval', 'answers'],
  'teams-app': [],
};

/**
 * Single modules a folder may use from a folder it does not depend on, each with its reason. The
 * CLI names the bot's commands (to say where they work) from this one file, which loads no Bot
 * Framework (test/house/transport-free.test.ts).
 */
const ALSO_ALLOWED = {
  cli: ['bot/commands/where'],
};

/** Each folder and the folders it may not import: every other one it does not depend on. */
const LAYERS = Object.fromEntries(
  Object.entries(DEPENDS_ON).map(([folder, allowed]) => [
    folder,
    Object.keys(DEPENDS_ON).filter((f) => f !== folder && !allowed.includes(f)),
  ]),
);

/** Characters with a meaning in a regular expression, escaped. */
const escapeRe = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A regular expression for a module path into one of the layers, less the folder's single modules. */
function layerPath(folder, layers) {
  const allowed = (ALSO_ALLOWED[folder] ?? []).map((m) => `(?!${escapeRe(m)}$)`).join('');
  return `(^|\\/)${allowed}(${layers.map(escapeRe).join('|')})(\\/|$)`;
}

/**
 * The same layers for `import()` and `require()`, which no-restricted-imports does not see: one
 * no-restricted-syntax selector per call form, the module path matched by a regular expression.
 */
function dynamicRestrictions(folder, forbidden) {
  if (forbidden.length === 0) return [];
  const path = `/${layerPath(folder, forbidden)}/`;
  const message = `src/${folder} may not load that folder (docs/architecture.md), not even lazily.`;
  return [
    { selector: `ImportExpression[source.value=${path}]`, message },
    {
      selector: `CallExpression[callee.name='require'][arguments.0.value=${path}]`,
      message,
    },
  ];
}

/** The no-restricted-imports options of one folder: the layers above it, and the transport. */
function restrictions(folder, forbidden) {
  const transport =
    folder === 'bot' || folder === 'http'
      ? []
      : transportOnly.paths.map((name) => ({
          name,
          message: 'Only src/bot (and the HTTP host) may import the Bot Framework or restify.',
        }));
  return {
    paths: transport,
    patterns: [
      ...(folder === 'bot' || folder === 'http'
        ? []
        : [
            {
              group: transportOnly.patterns,
              message: 'Only src/bot (and the HTTP host) may import the Bot Framework.',
            },
          ]),
      ...forbidden.map((layer) => ({
        regex: layerPath(folder, [layer]),
        message: `src/${folder} sits below src/${layer} (docs/architecture.md): move the shared piece down instead.`,
      })),
    ],
  };
}

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
  // The layers of docs/architecture.md: each folder of src may import only the folders below it
  // (and the shared root files: config, errors, log, metrics, lru, project-root). Only src/bot
  // imports the Bot Framework and only src/http restify.
  ...Object.entries(LAYERS).map(([folder, forbidden]) => ({
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', restrictions(folder, forbidden)],
      'no-restricted-syntax': ['error', ...dynamicRestrictions(folder, forbidden)],
    },
  })),
  {
    // The shared root files and the wiring in app.ts: no transport either.
    files: ['src/*.ts'],
    rules: { 'no-restricted-imports': ['error', restrictions('.', [])] },
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
