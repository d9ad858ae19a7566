/** Defaults of the segmentation lab's options, in a module of their own (no SQLite, no ml) so `--help` can state them from the value the lab uses. */

/** The CLV hold-out when --calibration-end is not given: the last 13 weeks of purchases. */
export const DEFAULT_HOLDOUT_WEEKS = 13;
