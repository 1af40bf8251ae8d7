// Reads an .xlsx with ExcelJS's streaming reader in a worker thread and posts its rows, as cell texts, to the parent
// in batches. The worker's own heap is capped (resourceLimits), so the reader's garbage stays bounded, and parsing
// runs on its own core while the parent converts, checks and writes the rows it already has. Flow control: the parent
// answers each message with 'more'; the worker keeps at most a few messages unanswered.
// Plain JavaScript (no TypeScript loader in the worker); reader.ts has the same cell rules for the tests.
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';

const { path, batchSize = 500, window = 4 } = workerData;

function numberToPlain(n) {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expS] = m;
  const digits = int + frac;
  const point = int.length + Number(expS);
  let out;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, '');
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  return sign + out;
}

const pad = (n) => String(n).padStart(2, '0');
function dateCellText(d) {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const secs = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return secs === 0 ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function cellText(v) {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToPlain(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateCellText(v);
  if (typeof v === 'object') {
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('result' in v) return cellText(v.result);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if (typeof v.text === 'string') return v.text;
    if (v.text && typeof v.text === 'object') return cellText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return String(v);
}

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
try {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  for await (const ws of reader) {
    await send({ t: 'sheet', name: ws.name ?? '' });
    let batch = [];
    for await (const row of ws) {
      const values = row.values;
      const cells = [];
      let last = -1;
      for (let i = 1; i < values.length; i++) {
        const t = cellText(values[i]);
        cells.push(t);
        if (t.trim()) last = i - 1;
      }
      cells.length = last + 1;
      batch.push({ rowNo: row.number, cells });
      if (batch.length >= batchSize) { await send({ t: 'rows', rows: batch }); batch = []; }
    }
    if (batch.length) await send({ t: 'rows', rows: batch });
    await send({ t: 'sheetEnd' });
  }
  await send({ t: 'done' });
} catch (e) {
  parentPort.postMessage({ t: 'error', message: String(e?.message ?? e) });
} finally {
  clearInterval(keepAlive);
}
