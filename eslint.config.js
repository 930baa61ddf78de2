import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/test-results/**', '**/playwright-report/**', 'bench/results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Module code reaches client data only through the access layer (access/client-access.ts), which checks and
    // audits in the same transaction. Direct use of the database handle in a module is refused here; modules that
    // touch no client data (health, auth) say so with an eslint-disable comment naming the reason. Nor do they read
    // the system time: the clock is injected, so that tests can move it.
    files: ['packages/server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='db'][object.property.name='database']",
          message: 'Reach client data through withClientAccess/withClientList (access/client-access.ts), not app.database.db.',
        },
        // The time comes from the injected clock (kernel/clock.ts: app.clock, a job's clock), never the system's.
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Take the time from the clock (app.clock.now(), a job\'s clock) and pass it in, not new Date().',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take the time from the clock (app.clock.now(), a job\'s clock) and pass it in, not Date.now().',
        },
      ],
    },
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.ts', 'packages/server/src/cli.ts', 'e2e/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
)
