/**
 * The boundaries `npm test` enforces (issue 18): no import cycles between files, `recording` below the feature
 * folders, and the public site built on `libs/public-contract` alone. Cycles between the feature folders of
 * apps/ledger/src are found by scripts/check-boundaries.mjs from this cruise's graph.
 */
const FEATURES =
  'authority|bodies|cli|corrections|decisions|delegations|health|import|meetings|officer-decisions|' +
  'public-projection|read-models|recommendations|reorganisations|seed|transparency';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files import each other in a cycle: move what both need into a third file.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'recording-below-features',
      severity: 'error',
      comment: 'Feature folders depend on recording, never the reverse: move what recording needs to the app root.',
      from: { path: '^apps/ledger/src/recording/', pathNot: '\\.spec\\.ts$|/test/' },
      to: { path: `^apps/ledger/src/(${FEATURES})/` },
    },
    {
      name: 'recording-below-app-root',
      severity: 'error',
      comment: 'The app root assembles the features; recording must not import it back.',
      from: { path: '^apps/ledger/src/recording/' },
      to: { path: '^apps/ledger/src/[^/]+\\.ts$' },
    },
    {
      name: 'public-site-on-the-contract',
      severity: 'error',
      comment: 'The public site shares only libs/public-contract with the ledger.',
      from: { path: '^apps/public/src/' },
      to: { path: '^(apps/(ledger|witness)/|libs/(?!public-contract/))' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
