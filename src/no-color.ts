/**
 * Imported first by main.ts. chalk (used by Ink and marked-terminal) ignores NO_COLOR but honours
 * FORCE_COLOR=0, and decides its colour level when first imported; so NO_COLOR is translated here,
 * before any of them loads.
 */
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
export {};
