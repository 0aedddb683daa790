/**
 * The README's head-office commands ("When one store is not enough"), run as written so they cannot
 * drift from the package: two demo stores export their packages as SH-001 and SH-002, and each
 * block marked `<!-- readme-test: NAME -->` is taken from the README. The shell blocks run in bash
 * from a home folder holding the zips; the DuckDB CLI cannot be installed here, so a `duckdb` on
 * the PATH stands in: it runs the SQL on its standard input statement by statement through
 * @duckdb/node-api and prints each result as a JSON line. The Node block runs as it is; the Python
 * blocks are parsed as Python and the Python block's SQL runs through the same DuckDB.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveOpenExportSettings } from '../../src/data/open-export';
import { readAllColumns } from '../../src/data/purchases';
import { replaceWithDemoStore } from '../../src/data/store';
import { DEFAULT_ABC_CUTS } from '../../src/lib/abc/abc';
import { runAbc } from '../../src/lib/abc/from-stats';
import { customerStats } from '../../src/lib/customers/stats';
import { runRfm, statsSpec, type RfmRequest } from '../../src/lib/rfm/from-stats';
import { packClasses, packScores } from '../../src/lib/rfm/packed';
import { openExportHandlers } from '../../src/workers/open-export.handlers';
import { freshDb, smallDemo } from './helpers';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## When one store is not enough'), readme.indexOf('\n## ', readme.indexOf('## When one store is not enough') + 3));

/** The fenced block right after `<!-- readme-test: name -->`. */
function block(name: string): string {
  const found = new RegExp(`<!-- readme-test: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(section);
  if (!found) throw new Error(`README: no block marked readme-test: ${name}`);
  return found[1]!;
}

const root = resolve(new URL('../..', import.meta.url).pathname);
let home = '';
let office = '';
let runner = '';
const scored = new Map<string, number>();

const DUCKDB_STAND_IN = `// The duckdb CLI's stand-in: the SQL on standard input, statement by statement, each result as a JSON line.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
const con = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
const statements = await con.extractStatements(readFileSync(0, 'utf8'));
for (let i = 0; i < statements.count; i++) {
  const rows = (await (await statements.prepare(i)).runAndReadAll()).getRowObjectsJson();
  if (rows.length > 0) console.log(JSON.stringify(rows));
}
`;

const UNZIP_STAND_IN = `// unzip -d DIR FILE's stand-in, with fflate.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
const [, , flag, dir, file] = process.argv;
if (flag !== '-d') throw new Error('only unzip -d DIR FILE');
mkdirSync(dir, { recursive: true });
for (const [name, bytes] of Object.entries(unzipSync(readFileSync(file)))) writeFileSync(join(dir, name), bytes);
`;

const run = (command: string, args: string[], cwd: string, input?: string) => {
  const r = spawnSync(command, args, { cwd, input, encoding: 'utf8', env: { ...process.env, HOME: home, PATH: `${join(runner, 'bin')}:${process.env.PATH}` }, timeout: 240_000 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
};

/** JSON lines printed by the stand-in. */
const printed = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('[')).map((l) => JSON.parse(l) as Record<string, string | number | null>[]);

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'keqing-readme-'));
  office = join(home, 'headoffice');
  runner = join(home, 'runner');
  mkdirSync(join(runner, 'bin'), { recursive: true });
  mkdirSync(join(home, 'Downloads'));
  // Scripts here import @duckdb/node-api as a head office's project would: from its node_modules.
  symlinkSync(join(root, 'node_modules'), join(runner, 'node_modules'));
  writeFileSync(join(runner, 'duckdb.mjs'), DUCKDB_STAND_IN);
  writeFileSync(join(runner, 'bin', 'duckdb'), `#!/bin/sh\nexec node "${join(runner, 'duckdb.mjs')}" "$@"\n`);
  chmodSync(join(runner, 'bin', 'duckdb'), 0o755);
  // unzip is on this machine kind but not promised by it: a stand-in for `unzip -d DIR FILE` if it is missing.
  if (spawnSync('sh', ['-c', 'command -v unzip']).status !== 0) {
    writeFileSync(join(runner, 'unzip.mjs'), UNZIP_STAND_IN);
    writeFileSync(join(runner, 'bin', 'unzip'), `#!/bin/sh\nexec node "${join(runner, 'unzip.mjs')}" "$@"\n`);
    chmodSync(join(runner, 'bin', 'unzip'), 0o755);
  }

  // Each store's package as the Segments screen makes it: the engine's answer, written by the export worker.
  const request: RfmRequest = { analysisDay: null, method: 'rfm030', preset: 'rfm030' };
  const zips = [...block('unzip').matchAll(/unzip -d (\S+) ~\/Downloads\/(\S+)/g)];
  expect(zips.map((z) => z[1])).toEqual(['SH-001', 'SH-002']);
  for (const [i, [, storeId, file]] of zips.entries()) {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo(5 + i));
    await saveOpenExportSettings(db, { storeId: storeId!, sharedMemberIds: false });
    const chunks = await readAllColumns(db);
    const spec = statsSpec(request);
    const rfm = runRfm(customerStats(chunks, spec.beforeDay, spec.options), request);
    const abc = runAbc(customerStats(chunks), DEFAULT_ABC_CUTS);
    if (!rfm.ok || !abc.ok) throw new Error('the demo store always segments');
    const made = await openExportHandlers(() => db).openExport({ request, abcCuts: DEFAULT_ABC_CUTS, analysisDay: rfm.value.analysisDay, scores: packScores(rfm.value.customers), classes: packClasses(abc.value.classOf), exportedAt: new Date().toISOString() });
    writeFileSync(join(home, 'Downloads', file!), new Uint8Array(await made.zip.arrayBuffer()));
    scored.set(storeId!, made.counts.scored);
    db.close();
  }
  run('bash', ['-e', '-c', block('unzip')], home);
}, 300_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("the README's head-office commands", () => {
  it('unzip each store into its own folder', () => {
    for (const store of ['SH-001', 'SH-002']) for (const file of ['purchase_lines.parquet', 'analysis.parquet', 'analysis.duckdb.sql']) expect(existsSync(join(office, store, file)), `${store}/${file}`).toBe(true);
  });

  it('DuckDB CLI: print both stores, keep segments and KPIs, and find 0 differences from each store', () => {
    const out = run('bash', ['-e', '-c', block('duckdb-cli')], office);
    const results = printed(out);
    // The first command prints the script's results: customers of both stores, then the KPIs.
    const customers = results.find((rows) => rows[0] && 'rfm_score' in rows[0])!;
    expect(new Set(customers.map((r) => r.unit))).toEqual(new Set(['SH-001', 'SH-002']));
    expect(customers).toHaveLength(scored.get('SH-001')! + scored.get('SH-002')!);
    expect(results.some((rows) => rows[0] && 'churn_rate' in rows[0])).toBe(true);
    // The second: the comparison with each store's own Keqing.
    const compared = results.find((rows) => rows[0] && 'differences' in rows[0])!;
    expect(compared.map((r) => [r.store_id, Number(r.customers), Number(r.differences)]).sort()).toEqual([
      ['SH-001', scored.get('SH-001'), 0],
      ['SH-002', scored.get('SH-002'), 0],
    ]);
    expect(existsSync(join(office, 'segments.parquet'))).toBe(true);
    const kpis = readFileSync(join(office, 'kpis.csv'), 'utf8').split('\n');
    expect(kpis[0]).toContain('repeat_rate');
    expect(kpis[0]).toContain('churn_rate');
    expect(kpis.filter((l) => l.startsWith('SH-002,')).length).toBeGreaterThan(12);
  }, 300_000);

  it("Node: runs as written and prints the store's customers", () => {
    writeFileSync(join(runner, 'readme.mjs'), block('node'));
    const out = run('node', [join(runner, 'readme.mjs')], office);
    expect(out).toMatch(/SH-00[12]:\d+/);
    expect(out).toContain('segment_name');
  }, 300_000);

  it("Python: parses, and its script and query give each store's segments", async () => {
    const python = block('python');
    run('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], office, python);
    run('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], office, block('pyspark'));
    const script = /Path\("([^"]+)"\)\.read_text/.exec(python)![1]!;
    const query = /con\.sql\("([^"]+)"\)/.exec(python)![1]!;
    const con = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
    await con.run(`SET file_search_path = '${office}'`);
    // As Python's con.execute does: every statement of the script, in one call.
    await con.run(readFileSync(join(office, script), 'utf8'));
    const rows = (await con.runAndReadAll(query)).getRowObjectsJson();
    const byStore = (unit: string) => rows.filter((r) => r.unit === unit).reduce((n, r) => n + Number(r.customers), 0);
    expect(byStore('SH-001')).toBe(scored.get('SH-001'));
    expect(byStore('SH-002')).toBe(scored.get('SH-002'));
    con.closeSync();
  }, 300_000);

  it('is checked against the README itself: a missing marker fails', () => {
    expect(() => block('no-such-block')).toThrow('no block marked');
  });
});
