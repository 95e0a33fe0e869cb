// Lint: typescript-eslint's recommended rules, with `any` forbidden everywhere (docs/architecture.md, "House rules").
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'build', 'data', 'coverage', '.ci'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // shared/ is imported by its alias from everywhere else; `node scripts/alias-shared-imports.js` rewrites these.
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\.?/)+shared/', message: 'import shared/ as #shared/… (node scripts/alias-shared-imports.js rewrites it)' }] }],
    },
  },
);
