/**
 * The dataset a retraining run reads: the old run's dataset plus the labelled batch, named
 * "<dataset>-retrain-<stamp>" (at most 40 characters, the limit of dataset names). Readers that
 * follow a dataset into its retraining (the walkthrough) use isRetrainOf.
 */
export function retrainDatasetName(dataset: string, stamp: string): string {
  return `${dataset}-retrain-${stamp}`.slice(0, 40);
}

/** Whether `name` is a retraining dataset made from `dataset`. */
export function isRetrainOf(name: string | null | undefined, dataset: string): boolean {
  return name?.startsWith(`${dataset}-retrain-`) ?? false;
}
