export { binFeatures, type BinnedMatrix } from './binning.js';
export { growTree, predictTree, treeDepth, type TreeArrays } from './tree.js';
export { fitGradientBoosting, fitRandomForest, treeModelFromJSON, type BoostingOptions, type ForestOptions, type GradientBoostingModel, type RandomForestModel, type TreeEnsemble, type TreeModelJSON } from './ensembles.js';
export { explainRow, shapBase, shapValuesOfRows, shapWorkPerRow, treeExpectedValue, treeShap, treeShapSingle, type ShapResult } from './shap.js';
