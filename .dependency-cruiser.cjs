/**
 * Huoma's layers and dependency rules (ARCHITECTURE.md, "Layers and dependency rules"), checked by
 * dependency-cruiser in `npm run lint` over `packages/*\/src`:
 *
 *   domain ← contract ← server / web          (the arrow points at what may be imported)
 *
 * - no import cycle anywhere (type-only imports count: they tie the layers together all the same), and no import
 *   that does not resolve (it would escape every rule);
 * - domain: pure rules, no other workspace package and no Node I/O;
 * - contract: domain and typebox only;
 * - server and web never import each other;
 * - server: only the composition root (app.ts, catalogue.ts, server.ts, cli.ts, jobs.ts, seed/) imports modules/;
 *   access/, kernel/, db/, http/, pdf/ and integrations/ know no module; a module reaches another module only
 *   through that module's index.ts;
 * - web: a feature never imports another feature's folder; outside features/ only routes.tsx and the root
 *   dictionaries (i18n/fi|sv|en.ts) import features/, and only its list (features/index.ts).
 *
 * The rules are paths relative to the folder dependency-cruiser runs in: the repository root (the test in
 * packages/server/test/dependency-rules.test.ts runs them over a fixture tree with the same relative layout).
 */

const SERVER = '^packages/server/src/'
const WEB = '^packages/web/src/'
const COMPOSITION_ROOT = `${SERVER}(app\\.ts|catalogue\\.ts|server\\.ts|cli\\.ts|jobs\\.ts|seed/)`
const NODE_IO = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'cluster',
  'dgram',
  'dns',
  'dns/promises',
  'tls',
  'worker_threads',
  'readline',
  'repl',
  'inspector',
  'os',
  'process',
  'vm',
]

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle anywhere in the packages (a cycle means two files cannot be understood or changed apart).',
      from: { path: '^packages/[^/]+/src/' },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-import',
      severity: 'error',
      comment: 'Every import resolves to a file or a package (an import the cruise cannot follow escapes every rule).',
      from: { path: '^packages/[^/]+/src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'domain-imports-no-workspace-package',
      severity: 'error',
      comment: 'packages/domain holds the pure rules: it imports no other workspace package.',
      from: { path: '^packages/domain/src/' },
      to: { path: '^packages/(?!domain/)[^/]+/' },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      comment: 'packages/domain does no I/O: no file system, network, processes or operating system.',
      from: { path: '^packages/domain/src/' },
      to: { dependencyTypes: ['core'], path: `^(node:)?(${NODE_IO.join('|')})$` },
    },
    {
      name: 'contract-imports-only-domain-and-typebox',
      severity: 'error',
      comment: 'packages/contract describes the API: it imports only the domain and typebox.',
      from: { path: '^packages/contract/src/' },
      to: { pathNot: '^(packages/(contract|domain)/src/|node_modules/typebox/)' },
    },
    {
      name: 'server-does-not-import-web',
      severity: 'error',
      comment: 'The server and the web app share only the contract and the domain.',
      from: { path: '^packages/server/' },
      to: { path: '^packages/web/' },
    },
    {
      name: 'web-does-not-import-server',
      severity: 'error',
      comment: 'The server and the web app share only the contract and the domain.',
      from: { path: '^packages/web/' },
      to: { path: '^packages/server/' },
    },
    {
      name: 'modules-only-from-composition-root',
      severity: 'error',
      comment:
        'Only the composition root (src/app.ts, catalogue.ts, server.ts, cli.ts, jobs.ts, seed/) imports modules/: ' +
        'access/, kernel/, db/, http/, pdf/ and integrations/ know no module; they are handed what they need.',
      from: { path: SERVER, pathNot: [`${SERVER}modules/`, COMPOSITION_ROOT] },
      to: { path: `${SERVER}modules/` },
    },
    {
      name: 'module-through-index-only',
      severity: 'error',
      comment:
        'A module reaches another module only through its index.ts (better: through a neutral place such as ' +
        'access/, kernel/ or the domain), never into its internals.',
      from: { path: `${SERVER}modules/([^/]+)/` },
      to: { path: `${SERVER}modules/[^/]+/`, pathNot: [`${SERVER}modules/$1/`, `${SERVER}modules/[^/]+/index\\.ts$`] },
    },
    {
      name: 'feature-not-another-feature',
      severity: 'error',
      comment: 'A web feature imports lib/, components/, api/ and session/, never another feature’s folder.',
      from: { path: `${WEB}features/([^/]+)/` },
      to: { path: `${WEB}features/`, pathNot: `${WEB}features/$1/` },
    },
    {
      name: 'features-only-from-composition',
      severity: 'error',
      comment:
        'Outside features/, only routes.tsx and the root dictionaries (i18n/fi|sv|en.ts) import the features: ' +
        'lib/, components/ and the rest know none (the list reaches them through FeatureListContext).',
      from: { path: WEB, pathNot: `${WEB}(features/|routes\\.tsx$|i18n/(fi|sv|en)\\.ts$)` },
      to: { path: `${WEB}features/` },
    },
    {
      name: 'web-lib-is-the-bottom',
      severity: 'error',
      comment: 'lib/ imports no other folder of the web app.',
      from: { path: `${WEB}lib/` },
      to: { path: WEB, pathNot: `${WEB}lib/` },
    },
    {
      name: 'web-api-only-lib',
      severity: 'error',
      comment: 'api/ imports only lib/ (and itself).',
      from: { path: `${WEB}api/` },
      to: { path: WEB, pathNot: [`${WEB}(api|lib)/`] },
    },
    {
      name: 'web-session-only-api-and-lib',
      severity: 'error',
      comment: 'session/ (the signed-in user) imports only api/ and lib/ (and itself).',
      from: { path: `${WEB}session/` },
      to: { path: WEB, pathNot: [`${WEB}(session|api|lib)/`] },
    },
    {
      name: 'features-through-their-list',
      severity: 'error',
      comment: 'routes.tsx and the root dictionaries take the features from their list, features/index.ts.',
      from: { path: `${WEB}(routes\\.tsx|i18n/(fi|sv|en)\\.ts)$` },
      to: { path: `${WEB}features/`, pathNot: `${WEB}features/index\\.ts$` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The layering test's fixture tree breaks every rule on purpose.
    exclude: { path: '(^|/)test/fixtures/' },
    // Type-only imports are dependencies too (`import type`): they are kept, and marked `type-only`.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
}
