// Lint: typescript-eslint's recommended rules, plus the house-style import boundaries.
import tseslint from 'typescript-eslint';

const DOMAINS = [
  'articles',
  'media',
  'feeds',
  'site',
  'topics',
  'membership',
  'corrections',
  'syndication',
  'accounts',
  'audit',
  'ads',
  'analytics',
  'privacy',
  'funders',
  'backup',
  'search',
  'pages',
  'redirects',
  'imports',
  'operations',
  'front-page',
  'jobs',
  'exports',
];

/** Inside a domain, only `<domain>-routes.ts` may reach the web (http/) and the templates (views/). */
const webBoundary = {
  files: DOMAINS.map((d) => `src/${d}/**/*.ts`),
  ignores: ['src/**/*-routes.ts', 'src/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['**/http/*', '**/http/**'], message: 'Only <domain>-routes.ts may import http/: services never see the request.' },
          { group: ['**/views/*', '**/views/**'], message: 'Only <domain>-routes.ts may import views/: domain code returns data, not HTML.' },
          { group: ['fastify', '@fastify/*'], message: 'Only <domain>-routes.ts and http/ may use Fastify.' },
        ],
      },
    ],
  },
};

/** SQL lives only in stores (and the store/ folder itself). */
const sqlBoundary = {
  files: ['src/**/*.ts', 'src/**/*.tsx'],
  ignores: ['src/**/*-store.ts', 'src/store/**', 'src/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          { name: 'kysely', message: 'SQL belongs in a *-store.ts file.' },
          { name: 'better-sqlite3', message: 'SQL belongs in a *-store.ts file.' },
          { name: 'pg', message: 'SQL belongs in a *-store.ts file.' },
        ],
      },
    ],
  },
};

/** Views render data they are given: no services, stores or database. */
const viewBoundary = {
  files: ['src/views/**/*.ts', 'src/views/**/*.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['**/*-service', '**/*-service.js', '**/*-store', '**/*-store.js', '**/store/**'], message: 'Views receive view models; they never fetch.' },
          { group: ['fastify'], message: 'Views do not know about HTTP.' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'dist/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  webBoundary,
  // sqlBoundary after webBoundary would replace its rule for overlapping files, so domain files get both lists merged here.
  {
    files: DOMAINS.map((d) => `src/${d}/**/*.ts`),
    ignores: ['src/**/*-routes.ts', 'src/**/*-store.ts', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...webBoundary.rules['no-restricted-imports'][1], ...sqlBoundary.rules['no-restricted-imports'][1] }],
    },
  },
  { files: ['src/**/*-routes.ts', 'src/cli/**', 'src/http/**', 'src/demo/**', 'src/main.ts', 'src/config.ts'], rules: sqlBoundary.rules },
  viewBoundary,
  { files: ['**/*.mjs', '**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
