/**
 * The arrows between the project's layers (`npm run lint` checks them with dependency-cruiser):
 * no import cycles at run time, the database foundations and the modules never reach into the
 * operations area (seeds, backups, the embedded server, command-line scripts), and nothing in
 * src/ imports tests or benchmarks. Type-only imports may point both ways (TypeORM's relations
 * name each other's entities); they vanish from the compiled code.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'modules-not-into-operations',
      comment:
        'Modules, the back-office and the database foundations run in the app; operations use them, not the other way.',
      severity: 'error',
      from: { path: '^src/(modules|admin|database|common|config)/' },
      to: { path: '^src/operations/' },
    },
    {
      name: 'src-not-into-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
