// Flat ESLint config: typescript-eslint's recommended rules over every package.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/*.generated.ts', '**/*.tmp.ts', 'packages/core/assembly/**', 'models/.cache/**', '.vouch/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
