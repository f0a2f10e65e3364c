/** The boundaries `npm test` enforces (see docs/adr/0004-import-boundaries.md); folder cycles: scripts/check-boundaries.mjs. */

/** What the write pipeline may build on: the folders below it. Everything else in apps/ledger/src builds on it. */
const BELOW_RECORDING = 'access|clock|config|confidentiality|http|ledger-head|local-database|store';

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
      comment:
        'Feature folders and the app root depend on recording, never the reverse: move what recording needs from ' +
        'them to a folder below it, or have the app root hand it over (as RecordingModule.forCommands does).',
      from: { path: '^apps/ledger/src/recording/', pathNot: '\\.spec\\.ts$|/test/' },
      to: { path: '^apps/ledger/src/', pathNot: `^apps/ledger/src/(recording|${BELOW_RECORDING})/` },
    },
    {
      name: 'public-site-on-the-contract',
      severity: 'error',
      comment: 'The public site shares only libs/public-contract with the ledger.',
      from: { path: '^apps/public/src/' },
      to: { path: '^(apps/(ledger|witness)/|libs/(?!public-contract/))' },
    },
    {
      name: 'ledger-not-on-the-public-site',
      severity: 'error',
      comment: 'The two apps are apart: what the ledger and the public site share lives in libs/public-contract.',
      from: { path: '^(apps/(ledger|witness)|libs)/' },
      to: { path: '^apps/public/' },
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
