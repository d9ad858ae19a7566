// Build step after tsc: bundles ink and @inkjs/ui into dist/ui/ink.js (see src/ui/ink.ts for why).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/ui/ink.ts'],
  outfile: 'dist/ui/ink.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // One React for Ink and for our components.
  external: ['react', 'react/jsx-runtime'],
  // prep runs React in production mode (src/process-env.ts): drop the reconciler's development build.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Some dependencies are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [
    {
      // Ink loads react-devtools-core only when DEV=true; it is not installed, and prep never sets DEV.
      name: 'no-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'no-devtools' }));
        b.onLoad({ filter: /.*/, namespace: 'no-devtools' }, () => ({
          contents: "export default { initialize() {}, connectToDevTools() { throw new Error('React devtools are not bundled with prep'); } };",
          loader: 'js',
        }));
      },
    },
  ],
  legalComments: 'eof',
  // smaller to parse at every start (about 30 ms here); identifiers are kept so stack traces stay readable
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
