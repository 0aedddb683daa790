/** The care calendar (domain.md §6). Pure; the Spring Festival date comes in from lunar.ts. */
export * from './rules';
export * from './occasions';
export * from './tasks';
export * from './week';
export * from './ics';
export * from './tier-source';
