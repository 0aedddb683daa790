/**
 * Restore accepts every earlier backup format: each entry turns format N's tables into format N+1's.
 * Format 1 is the first, so there is nothing to upgrade yet; when BACKUP_FORMAT becomes 2, add
 * `1: (tables) => …` here with a test that restores a format-1 file.
 */
type Tables = Record<string, unknown[]>;

const upgrades: Record<number, (tables: Tables) => Tables> = {};

export function upgradeTables(format: number, tables: Tables): Tables {
  let current = tables;
  for (let f = format; upgrades[f]; f++) current = upgrades[f]!(current);
  return current;
}
