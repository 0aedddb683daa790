/**
 * Restore accepts every earlier backup format: each entry turns format N's tables into format N+1's
 * (tests/unit/backup-formats.test.ts restores a file of each).
 */
type Tables = Record<string, unknown[]>;

const upgrades: Record<number, (tables: Tables) => Tables> = {
  // Format 2 changed the file (a binary container, container.ts), not the rows.
  1: (tables) => tables,
};

export function upgradeTables(format: number, tables: Tables): Tables {
  let current = tables;
  for (let f = format; upgrades[f]; f++) current = upgrades[f]!(current);
  return current;
}
