import type { PrepError } from '../../src/errors.js';

/** The error f throws (or its promise rejects with), for asserting on its message and hint; fails the test when nothing is thrown. */
export async function caught(f: () => unknown): Promise<PrepError> {
  try {
    await f();
  } catch (e) {
    return e as PrepError;
  }
  throw new Error('no error thrown');
}
