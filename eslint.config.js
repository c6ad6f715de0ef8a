// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

const platformLibraries = ['discord.js', 'discord.js/*', '@discordjs/*', 'telegraf', 'telegraf/*'];

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: platformLibraries,
              message: 'Only src/platforms/<name>/ may import a platform library.',
            },
          ],
        },
      ],
    },
  },
  {
    // Each adapter owns its own library and only that one.
    files: ['src/platforms/discord/**', 'test/**/discord*', 'test/fakes/discord*'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['telegraf', 'telegraf/*'], message: 'telegraf belongs to src/platforms/telegram/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/platforms/telegram/**', 'test/**/telegram*', 'test/fakes/telegram*'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['discord.js', 'discord.js/*', '@discordjs/*'],
              message: 'discord.js belongs to src/platforms/discord/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '!../core', '!./*'],
              message: 'src/core imports nothing from outside src/core.',
            },
            {
              group: platformLibraries,
              message: 'Only src/platforms/<name>/ may import a platform library.',
            },
          ],
        },
      ],
    },
  },
  {
    // Feed, page and command text is hostile: a pattern that backtracks or rescans on it would let
    // one feed freeze the bot, so every pattern in the code that reads it must run in linear time.
    files: ['src/**', 'commands/**'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignorePartial: false }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
