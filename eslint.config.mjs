// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.build/**', 'node_modules/**', '.data/**', 'coverage/**', 'apps/web/dist/**', '**/*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      // Libs are imported only through their entry point (@app/x), never by a deep or relative path across libs.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@app/*/*'], message: 'Import a lib through its entry point (@app/name).' },
            { group: ['../../*', '**/libs/**', '**/apps/**'], message: 'Import other libs and apps through @app/name, not by path.' },
          ],
        },
      ],
    },
  },
  // The dependency direction (README "Layout"): a lib imports only the libs below it, so no cycle and no forwardRef.
  ...Object.entries({
    common: [],
    config: ['common'],
    database: ['common', 'config'],
    audit: ['common', 'config', 'database'],
    files: ['common', 'config'],
    calendar: ['common', 'config'],
    procedures: ['common', 'config', 'calendar', 'audit'],
    agencies: ['common', 'config', 'database', 'calendar', 'audit'],
    auth: ['common', 'config', 'database', 'agencies', 'audit'],
    deadlines: ['common', 'config', 'database'],
    dossiers: ['common', 'config', 'database', 'calendar', 'procedures', 'agencies', 'auth', 'deadlines', 'audit', 'files'],
    reports: ['common', 'config', 'database', 'calendar', 'agencies', 'dossiers', 'files'],
    consistency: ['common', 'config', 'database', 'calendar', 'procedures', 'agencies', 'deadlines', 'dossiers', 'files'],
    forms: ['common', 'config', 'database', 'calendar', 'procedures', 'agencies', 'auth', 'deadlines', 'dossiers', 'files', 'reports'],
  }).map(([lib, below]) => ({
    files: [`libs/${lib}/**/*.ts`],
    ignores: ['**/*.machine.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@app/*/*'], message: 'Import a lib through its entry point (@app/name).' },
            { group: ['../../*', '**/libs/**', '**/apps/**'], message: 'Import other libs and apps through @app/name, not by path.' },
            { regex: `^@app/(?!(${below.join('|') || '$^'})$)`, message: `libs/${lib} may import only ${below.join(', ') || 'no lib of ours'}.` },
          ],
        },
      ],
    },
  })),
  {
    // The web app runs in the browser and imports only its own files and npm packages.
    files: ['apps/web/**/*.{ts,tsx,mts}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-imports': ['error', { patterns: [{ group: ['@app/*', '../../*'], message: 'The web app talks to the API over HTTP only.' }] }] },
  },
  {
    // Tests drive the apps themselves.
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@app/*/*'], message: 'Import a lib through its entry point (@app/name).' }] }] },
  },
  {
    files: ['**/*.machine.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!xstate$).*', message: 'A machine file imports only xstate.' }] }],
    },
  },
);
