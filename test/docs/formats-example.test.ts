/**
 * The combined JSON example of src/parse/FORMATS.md parses and evaluates (ResNet-50's CONV1 with
 * kcp_ws, the oracle's accelerator_1): no rejected layer, and the same row as the MAESTRO text file
 * of that layer (test/fixtures/maestro/mapping/Resnet50_kcp_ws.m's first layer).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CostModel } from '../../src/model/costmodel.js';
import { parseInputJson, parseMapping } from '../../src/parse/index.js';

const FORMATS = readFileSync(new URL('../../src/parse/FORMATS.md', import.meta.url), 'utf8');

describe('FORMATS.md combined JSON example', () => {
  it('evaluates, equal to the text mapping of the same layer', async () => {
    const block = /```json\n(\{\n  "hardware"[\s\S]*?)```/.exec(FORMATS)![1]!;
    const { hardware, network } = parseInputJson(block, 'FORMATS.md');
    const model = await CostModel.load();
    const r = model.evaluateNetwork(network, hardware);
    expect(r.rejected).toBe(0);
    const text = parseMapping(readFileSync(new URL('../fixtures/maestro/mapping/Resnet50_kcp_ws.m', import.meta.url), 'utf8'), 'Resnet50_kcp_ws.m');
    const first = model.evaluateNetwork({ name: 'n', layers: [text.layers[0]!] }, hardware);
    expect(r.rows[0]).toEqual(first.rows[0]);
  });
});
