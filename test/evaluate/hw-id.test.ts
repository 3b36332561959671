/**
 * `codesign evaluate --hw-id ID`: one configuration of a list by its id, from `--HW_file` (a CSV
 * or JSON list, as `search --accelerators` reads it) or else from the paper's accelerators, so a
 * search's answer can be evaluated by its accelerator's id; the same numbers as the shortcut of
 * its values and as the search's own row.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NET = path.join(root, 'examples/cli/net.json');
const ACCELS = path.join(root, 'examples/cli/accelerators.csv');
const dir = mkdtempSync(path.join(tmpdir(), 'hwid-'));
const evaluate = (...args: string[]) => runCli(['evaluate', '--space', NET, '--no-progress', ...args]);

describe('evaluate --hw-id', () => {
  it("picks one of the paper's accelerators: the numbers of its values, and of the search's row", async () => {
    const byId = await evaluate('--hw-id', 'accelerator_7');
    expect(byId.code).toBe(0);
    // accelerator_7 of the paper: 128 PEs, L1 100, L2 3000, NoC 800, off-chip 250
    const byValues = await evaluate('--hw', '128:100:3000:800:250');
    expect(byId.out).toBe(byValues.out);
    expect(byId.out.split('\n')[1]).toBe('tiny-narrow,3,1295287,27723.4598853,10276336,70.2');
    // The search's row for (tiny-narrow, accelerator_7/kcp_ws): the same latency and energy.
    const csv = path.join(dir, 'points.csv');
    const s = await runCli(['search', '--space', NET, '--accelerators', 'paper', '--dataflows', 'kcp_ws', '--mode', 'full', '--workers', '0', '--no-progress', '--no-summary', '--csv', csv, '--out', path.join(dir, 's.json')]);
    expect(s.code).toBe(0);
    const row = readFileSync(csv, 'utf8').split('\n').find((l) => l.startsWith('0,') && l.includes(',accelerator_7/kcp_ws,'));
    expect(row?.split(',').slice(10, 12)).toEqual(['1295287', '27723.4598853']);
  });

  it('picks a row of a CSV or JSON list given as --HW_file', async () => {
    const r = await evaluate('--HW_file', ACCELS, '--hw-id', 'large');
    expect(r.code).toBe(0);
    expect(r.out).toBe((await evaluate('--hw', '512:100:3000:1000:350')).out);
    const json = path.join(dir, 'list.json');
    writeFileSync(json, JSON.stringify({ hardware: [{ id: 'a', numPes: 64, l1Size: 100, l2Size: 3000, nocBw: 400, offchipBw: 50 }, { id: 'b', numPes: 512, l1Size: 100, l2Size: 3000, nocBw: 1000, offchipBw: 350 }] }));
    expect((await evaluate('--HW_file', json, '--hw-id', 'b')).out).toBe(r.out);
  });

  it('says what is wrong in one line: an unknown id (with the ids, and how to give a search id), --hw with it, a CSV without it', async () => {
    const unknown = await evaluate('--hw-id', 'accelerator_7/kcp_ws');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe(
      "codesign: --hw-id: no configuration 'accelerator_7/kcp_ws' in the paper's accelerators (a search's accelerator id is hardware/dataflow: give --hw-id accelerator_7 --dataflow kcp_ws); its ids: 'accelerator_1', 'accelerator_2', 'accelerator_3', 'accelerator_4', 'accelerator_5', ... (50 in all)\n",
    );
    const nope = await evaluate('--HW_file', ACCELS, '--hw-id', 'nope');
    expect(nope.err).toBe(`codesign: --hw-id: no configuration 'nope' in ${ACCELS}; its ids: 'small', 'default', 'large'\n`);
    expect((await evaluate('--hw', 'default', '--hw-id', 'small')).err).toBe('codesign: --hw-id: give either --hw or --hw-id, not both\n');
    const list = await evaluate('--HW_file', ACCELS);
    expect(list.code).toBe(2);
    expect(list.err).toMatch(/a CSV file is a list of hardware configurations .* \(or pick one of its configurations with --hw-id ID\)\n$/);
  });
});
