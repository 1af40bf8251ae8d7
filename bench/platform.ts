// Memory of the whole platform as the operating system sees it: the Node server plus every process of its bundled
// PostgreSQL (the postmaster named in postmaster.pid and its children). RSS counts PostgreSQL's shared memory once
// per process that touched it, so the sum overstates; PSS shares each page among the processes that map it, so the
// PSS sum is what the platform really holds. Linux only (/proc).
import fs from 'node:fs';
import path from 'node:path';

function field(file: string, name: string): number {
  try {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(p));
    } catch {
      /* gone */
    }
  }
  return out;
}

export interface PlatformMemory {
  processes: number;
  rssMB: number;
  pssMB: number;
  nodeRssMB: number;
  postgresPssMB: number;
}

/** Node processes given by pid (the server, and a wrapper if any) plus the bundled PostgreSQL of `dataDir`. */
export function platformMemory(nodePids: number[], dataDir: string): PlatformMemory {
  let postmaster = 0;
  try {
    postmaster = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    /* external database: Node only */
  }
  const pgPids = postmaster ? [postmaster, ...childrenOf(postmaster)] : [];
  const kb = (pids: number[], what: 'VmRSS' | 'Pss') =>
    pids.reduce((n, p) => n + field(what === 'Pss' ? `/proc/${p}/smaps_rollup` : `/proc/${p}/status`, what), 0);
  const mb = (k: number) => Math.round(k / 1024);
  return {
    processes: nodePids.length + pgPids.length,
    rssMB: mb(kb(nodePids, 'VmRSS') + kb(pgPids, 'VmRSS')),
    pssMB: mb(kb(nodePids, 'Pss') + kb(pgPids, 'Pss')),
    nodeRssMB: mb(kb(nodePids, 'VmRSS')),
    postgresPssMB: mb(kb(pgPids, 'Pss')),
  };
}

/** The pid of the Node server that `npm start`'s script (scripts/start.mjs, pid `wrapper`) runs. */
export function serverPidUnder(wrapper: number): number | undefined {
  return childrenOf(wrapper)[0];
}
