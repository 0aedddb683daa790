/** Points and stored value as ledgers (积分 / 储值): entries, invariants, opening balances. Pure. */
export * from './entry';
export * from './opening';
export * from './rows';
