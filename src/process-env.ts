/**
 * Imported first by main.ts: environment settings the libraries read once, when they load.
 *
 * - chalk (used by Ink and marked-terminal) ignores NO_COLOR but honours FORCE_COLOR=0, and picks
 *   its colour level on import; so NO_COLOR is translated before any of them loads.
 * - React and Ink's reconciler choose their development or production build from NODE_ENV; the
 *   development build (extra checks and warnings, meant for React developers) cost about 70 ms of
 *   `prep drill`'s start here, and the Ink bundle is built with the production branch only.
 */
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
process.env.NODE_ENV = 'production';
export {};
