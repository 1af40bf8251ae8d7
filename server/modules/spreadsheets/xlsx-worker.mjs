// Reads an .xlsx in a worker thread and posts its rows, as cell texts, to the parent in batches. The worker's own heap
// is capped (resourceLimits), so the reader's garbage stays bounded, and parsing runs on its own core while the parent
// converts, checks and writes the rows it already has. Flow control: the parent answers each message with 'more'; the
// worker keeps at most a few messages unanswered.
// The reader itself is xlsx.ts, loaded through tsx (the worker starts without the parent's loader): one implementation,
// the one the tests read with.
import fs from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { path, batchSize = 500, window = 4 } = workerData;

let credit = window;
const waiting = [];
parentPort.on('message', (m) => {
  if (m === 'more') {
    credit++;
    const w = waiting.shift();
    if (w) w();
  }
});
async function send(msg) {
  while (credit <= 0) await new Promise((r) => waiting.push(r));
  credit--;
  parentPort.postMessage(msg);
}

// While it waits for the parent, nothing else would keep the thread alive.
const keepAlive = setInterval(() => {}, 1 << 30);
// Loading the reader and the file are this process's business; what fails after that is the workbook's (damaged).
let reading = false;
try {
  const { readXlsx } = await tsImport('./xlsx.ts', import.meta.url);
  const buf = await fs.readFile(path);
  reading = true;
  for await (const sheet of readXlsx(buf)) {
    await send({ t: 'sheet', name: sheet.name });
    let batch = [];
    for await (const rows of sheet.rows) {
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= batchSize) {
          await send({ t: 'rows', rows: batch });
          batch = [];
        }
      }
    }
    if (batch.length) await send({ t: 'rows', rows: batch });
    await send({ t: 'sheetEnd' });
  }
  await send({ t: 'done' });
} catch (e) {
  parentPort.postMessage({ t: 'error', message: String(e?.message ?? e), damaged: reading });
} finally {
  clearInterval(keepAlive);
}
