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
  // `fetch: undefined`: yoga-layout's Emscripten loader fetch()es its own base64 data: URL when
  // fetch exists, which loads Node's undici; without it, the loader decodes the same bytes
  // synchronously. Measured: importing the bundle took 98-123 ms with fetch, 62-85 ms without.
  // Nothing else in the bundle uses fetch.
  define: { 'process.env.NODE_ENV': '"production"', fetch: 'undefined' },
  // Some dependencies are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [
    {
      // Ink's DEV=true mode connects React devtools (react-devtools-core, not installed, and the ws
      // client, 65 KB) and reads Ink's own package.json next to its files, which the bundle does
      // not have: a user with DEV=true set for some other tool got a crash. The bundle has no dev
      // mode: isDev() is false and the devtools module is left out.
      name: 'ink-without-dev-mode',
      setup(b) {
        const fromInk = (args) => /[\\/]ink[\\/]build[\\/]/.test(args.importer);
        b.onResolve({ filter: /^\.\/(utils|devtools)\.js$/ }, (args) => (fromInk(args) ? { path: args.path, namespace: 'ink-without-dev-mode' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'ink-without-dev-mode' }, (args) => ({
          contents: args.path === './utils.js' ? 'export const isDev = () => false;' : 'export {};',
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
