/**
 * Ink and @inkjs/ui, imported by every terminal UI through this one module.
 *
 * `npm run build` replaces this module's compiled output with an esbuild bundle of both
 * (scripts/bundle-ink.js). Measured on the CI machine, importing ink from node_modules took
 * 0.62-0.95 s, a third of it in es-toolkit's compat barrel of a few hundred files, loaded for one
 * `throttle`; the bundle loads in 0.23-0.36 s. React stays outside the bundle so that our
 * components and Ink share one React. Tests run the sources, where this is a plain re-export.
 */
export * from 'ink';
export { Spinner } from '@inkjs/ui';
