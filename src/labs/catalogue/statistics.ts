/**
 * Entries for the statistics figures (bootstrap intervals, calibration, fairness tests). Keys
 * that start with "segment:" belong to the segmentation lab; the rest to the churn lab.
 */
import type { MetricEntry } from './types.js';

export const statisticsEntries: MetricEntry[] = [];
