/** Store tiers A/B/C: rules, the periodic review, benefits. Pure. */
export * from './rules';
export * from './review';
export * from './benefits';
export * from './from-lines';
export * from './summary';
export * from './screen';
