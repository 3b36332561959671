import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import * as L from '../../assembly/layout.js';
import { CostModel } from '../../src/model/costmodel.js';
import { encodeHardware, encodeLayer } from '../../src/model/encode.js';
import { parseDataflowText } from '../conformance/dataflow-text.js';
it('dbg', async () => {
  const cm = await CostModel.load();
  const d = JSON.parse(readFileSync('test/model/fixtures/maestro-big-1.json', 'utf8'));
  for (const c of d.cases) if (['b29'].includes(c.id)) {
    const l = c.layers[0];
    const layer = { name: 'B', type: l.type, strideX: l.strideX, strideY: l.strideY, dims: l.dims, dataflow: parseDataflowText(d.dataflows[l.df]) };
    const desc = encodeLayer(layer as any, layer.dataflow, { batchTensors: true });
    const hw = new Int32Array(L.HW_SIZE); encodeHardware(c.hw, hw, 0);
    const out = cm.batch.evaluate(desc, hw, null);
    const ex = (cm.batch as any).ex;
    const r = cm.evaluateNetwork({ name: 'n', layers: [layer as any] }, c.hw);
    console.log(JSON.stringify(r.rows[0]).slice(0, 300));
    console.log(c.id, out[0], ex.debugBound(0), ex.debugBound(1), ex.debugBound(2));
  }
});
