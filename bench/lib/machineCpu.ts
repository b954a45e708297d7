/**
 * How much of the machine's CPU went to processes outside the run, from /proc (Linux only).
 * The load average cannot tell: the bench's own servers, load client and PostgreSQL backends keep it
 * well above the CPU count on a small machine, with nothing else running.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

export interface CpuSnapshot {
  at: number;
  /** CPU seconds the whole machine has been busy. */
  machine: number;
  /** CPU seconds used by this run's process tree and by PostgreSQL (live processes and the reaped children they waited for). */
  ours: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime + cutime + cstime, in ticks. */
  ticks: number;
}

function readProc(pid: string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return { pid: Number(pid), ppid: Number(fields[1]), comm, ticks };
  } catch {
    return null; // exited while we looked
  }
}

export function cpuSnapshot(): CpuSnapshot | null {
  try {
    const cpuLine = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
    const busy = cpuLine.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
    const procs = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(readProc).filter((p): p is ProcStat => p !== null);
    const children = new Map<number, ProcStat[]>();
    for (const p of procs) {
      const siblings = children.get(p.ppid);
      if (siblings) siblings.push(p);
      else children.set(p.ppid, [p]);
    }
    const ours = new Set<number>();
    const visit = (pid: number) => {
      ours.add(pid);
      for (const child of children.get(pid) ?? []) visit(child.pid);
    };
    visit(process.pid);
    let oursTicks = 0;
    for (const p of procs) if (ours.has(p.pid) || p.comm === 'postgres') oursTicks += p.ticks;
    return { at: Date.now(), machine: busy / TICKS_PER_SECOND, ours: oursTicks / TICKS_PER_SECOND };
  } catch {
    return null; // not Linux
  }
}

/** Share (0–1) of the machine's CPU capacity used by other processes between two snapshots. */
export function othersShare(before: CpuSnapshot | null, after: CpuSnapshot | null): number | null {
  if (!before || !after || after.at <= before.at) return null;
  const capacity = ((after.at - before.at) / 1000) * os.availableParallelism();
  const others = after.machine - before.machine - (after.ours - before.ours);
  return Math.max(0, others) / capacity;
}
