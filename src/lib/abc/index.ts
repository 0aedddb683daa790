/** ABC / Pareto analysis of customers and customer classes. Pure. */
export * from './abc';
