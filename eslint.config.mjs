import { readdirSync } from 'node:fs';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/**
 * Layers (docs/architecture.md): the base layers of lib/ serve every feature and import none, and
 * components/ never imports app/ (a page passes its actions down). Every other folder of lib/ is a
 * feature, so a new one is covered without editing this list.
 */
const BASE_FOLDERS = ['config', 'crypto', 'db', 'forms', 'http', 'i18n', 'identifiers', 'mail'];
const BASE_FILES = ['after-response', 'audit', 'clock', 'config', 'html', 'logger', 'runtime', 'singleton'];
const FEATURES = readdirSync(new URL('./lib', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !BASE_FOLDERS.includes(entry.name))
  .map((entry) => entry.name);
const TOP_LEVEL_FEATURES = ['startup', 'shutdown'];

const baseLayers = {
  files: [...BASE_FOLDERS.map((folder) => `lib/${folder}/**`), ...BASE_FILES.map((file) => `lib/${file}.ts`)],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^@/lib/(${FEATURES.join('|')})(/|$)|^@/lib/(${TOP_LEVEL_FEATURES.join('|')})$|^@/(app|components)/`,
            message: 'A base layer of lib/ imports no feature, page or component: move the code, or pass it in (docs/architecture.md, "Layers").',
          },
          { regex: '^\\.\\.?/', message: 'Import through @/lib/… so the layer rule can see the import.' },
        ],
      },
    ],
  },
};

const componentsAboveApp = {
  files: ['components/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ regex: '^@/app/', message: 'components/ never imports app/: the page passes its server actions as props.' }] },
    ],
  },
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  baseLayers,
  componentsAboveApp,
  // Playwright fixtures receive a `use` callback that is not React's hook.
  { files: ['e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
  // CommonJS files load with require (lib/crypto/hash-worker.cjs says why it is one).
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { ignores: ['.next/**', 'node_modules/**', '.data/**', '.vercel/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
];

export default config;
