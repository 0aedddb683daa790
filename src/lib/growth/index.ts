/** 成长值 member levels beside the A/B/C tiers. Pure. */
export * from './levels';
export * from './state';
export * from './from-lines';
