// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noAwsSdk = {
  patterns: [
    {
      group: ['@aws-sdk/*', '@smithy/*', 'proxy-agent'],
      message: 'AWS calls live in src/aws, src/deploy and src/plan/facts-live.ts only (DESIGN.md)',
      allowTypeImports: true,
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.venv-*/**',
      '.scratch/**',
      '.artifacts/**',
      'test/golden/**',
      'out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'bin/*.js'] } },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error']",
          message: 'throw a PrivateEksError subclass (src/errors.ts), not a bare Error',
        },
        {
          selector: "MemberExpression[object.name='process'][property.name='exit']",
          message: 'set process.exitCode in src/cli/main.ts instead of calling process.exit',
        },
      ],
    },
  },
  {
    files: ['src/config/**/*.ts', 'src/templates/**/*.ts', 'src/plan/**/*.ts'],
    ignores: ['src/plan/facts-live.ts'],
    rules: { 'no-restricted-imports': ['error', noAwsSdk] },
  },
  {
    // Shared CLI pieces live in src/cli/shared/; a command module never imports another one.
    files: ['src/cli/commands/**/*.ts'],
    ignores: ['src/cli/commands/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./*', '../commands/*'],
              message: 'a command imports shared pieces from src/cli/shared/, never another command module',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The CLI's entry is CommonJS (bin/package.json), for Node's faster CommonJS loader.
    files: ['bin/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', process: 'readonly', Buffer: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
