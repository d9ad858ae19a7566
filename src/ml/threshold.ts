/**
 * Choosing the decision threshold by an explicit cost model instead of the default 0.5.
 * Targeting a customer costs `offerCost`; a targeted churner stays with probability `successRate`
 * and is then worth `savedValue`. Net value of targeting everyone with score >= t:
 *   value(t) = Σ_{score_i >= t} (y_i · successRate · savedValue − offerCost).
 */
export interface CostModel {
  offerCost: number;
  savedValue: number;
  successRate: number;
}

export interface ThresholdChoice {
  threshold: number;
  netValue: number;
  netValueAtDefault: number;
  netValueTargetNobody: number;
  netValueTargetEveryone: number;
  targeted: number;
  formula: string;
  /** Net value at each candidate threshold (every distinct score), highest threshold first. */
  curve: { threshold: number; netValue: number; targeted: number }[];
}

export function netValueAt(y: ArrayLike<number>, scores: ArrayLike<number>, threshold: number, cost: CostModel): number {
  let value = 0;
  for (let i = 0; i < y.length; i++) if (scores[i]! >= threshold) value += y[i]! * cost.successRate * cost.savedValue - cost.offerCost;
  return value;
}

export function chooseThresholdByCost(y: ArrayLike<number>, scores: ArrayLike<number>, cost: CostModel): ThresholdChoice {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const gain = cost.successRate * cost.savedValue;
  const curve: ThresholdChoice['curve'] = [];
  let value = 0;
  // Targeting nobody is worth 0; a threshold of 1 targets (almost) nobody when no offer pays.
  let best = { threshold: 1, netValue: 0, targeted: 0 };
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    value += y[i]! * gain - cost.offerCost;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue; // a threshold cannot split tied scores
    const point = { threshold: scores[i]!, netValue: value, targeted: k + 1 };
    curve.push(point);
    if (point.netValue > best.netValue) best = point;
  }
  return {
    threshold: best.threshold,
    netValue: best.netValue,
    netValueAtDefault: netValueAt(y, scores, 0.5, cost),
    netValueTargetNobody: 0,
    netValueTargetEveryone: curve[curve.length - 1]?.netValue ?? 0,
    targeted: best.targeted,
    formula: 'Σ over customers with score ≥ t of (churned · successRate · savedValue − offerCost)',
    curve,
  };
}
