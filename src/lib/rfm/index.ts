/** RFM: scoring, segment rules and presets, summaries, migration. Pure: runs in a worker or a test. */
export * from './score';
export * from './segments';
export * from './presets';
export * from './definitions';
export * from './actions';
export * from './rules-json';
export * from './summary';
export * from './migration';
export * from './editing';
export { quantileType7, rProbabilities, medianSorted } from './quantile';
