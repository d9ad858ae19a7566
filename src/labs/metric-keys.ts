/**
 * The metric keys the labs record, as patterns ({a|b} alternatives). Content placeholders
 * `{{lab.key}}` must name one of these; the labs' tests check that their runs record them.
 */
const patterns: Record<string, string[]> = {
  churn: [
    'dataset.{rows|positives|positiveRate|features}',
    'clean.missingTotalCharges',
    'cv.{logistic_regression|random_forest|gradient_boosting}.{auc|accuracy|precision|recall|f1}.{mean|std}',
    'imbalance.{none|classWeights|smoteInFolds|smoteLeaky}.{auc|recall}',
    'test.{auc|prAuc|accuracy|precision|recall|f1|threshold|tp|fp|tn|fn}',
    'test.default.{accuracy|precision|recall|f1}',
    'threshold.{offerCost|savedValue|successRate|netValue|netValueDefault}',
    'explain.additivityMaxError',
    'fairness.{gender.Female|gender.Male|senior.0|senior.1}.{recall|precision|positiveRate}',
    'serve.{latencyP50Ms|latencyP95Ms|latencyP99Ms|requestsPerSecond}',
    'drift.{driftedColumns|driftedShare}',
    // issue 17: uncertainty, model choice, calibration, tested fairness gaps
    'test.{auc|prAuc|recall|precision}.ci95{Low|High}',
    'threshold.netValueGain',
    'threshold.ci95{Low|High}',
    'threshold.netValueGain.ci95{Low|High}',
    'test.{brier|ece}',
    'test.calibrated.{brier|ece}',
    'cv.choice.{standardError|cutoff}',
    'cv.{logistic_regression|random_forest|gradient_boosting}.auc.{pairedDiff|pairedPValue}',
    'fairness.{gender.Female|gender.Male|senior.0|senior.1}.{recall|positiveRate}.ci95{Low|High}',
    'fairness.{gender|senior}.{recallGap|positiveRateGap}',
    'fairness.{gender|senior}.{recallGap|positiveRateGap}.pValue',
    'drift.overlapShare',
    'retrain.{sameRows|oldAuc|newAuc|aucDiff}',
    'retrain.aucDiff.ci95{Low|High}',
  ],
  segment: [
    'cleaning.{linesIn|linesOut|customers|invoices|revenue}',
    'rfm.median.{recency|frequency|monetary}',
    'kmeans.{chosenK|silhouette}',
    'concentration.{top1Share|top10Share|top20Share|gini}',
    'cohorts.month1Retention',
    'cohorts.partialMonthDays',
    'cancellations.{pairs|revenue|revenueShare}',
    'net.segments.{champions|loyal|potentialLoyalists|new|atRisk|cantLoseThem|hibernating|lost}.customers',
    'net.concentration.{top1Share|top10Share|top20Share|gini}',
    'net.clv.mean12m',
    'clv.zeroValuePurchaseDays',
    'clv.{customers|holdoutPredicted|holdoutActual|preHoldoutActual|mean12m}',
    'clv.bgnbd.meanDropout',
    'segments.{champions|loyal|potentialLoyalists|new|atRisk|cantLoseThem|hibernating|lost}.{customers|revenueShare}',
  ],
  abtest: ['abtest.{aaFalsePositiveRate|peekingFalsePositiveRate|injectedLiftPower}'],
};

function expand(pattern: string): string[] {
  const m = /\{([^}]+)\}/.exec(pattern);
  if (!m) return [pattern];
  return m[1]!.split('|').flatMap((alt) => expand(pattern.slice(0, m.index) + alt + pattern.slice(m.index + m[0].length)));
}

/** Every recorded key, as "lab.key" (e.g. "churn.test.recall"). */
export const knownMetricKeys: ReadonlySet<string> = new Set(Object.entries(patterns).flatMap(([lab, list]) => list.flatMap(expand).map((k) => `${lab}.${k}`)));
