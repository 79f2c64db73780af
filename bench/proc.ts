// Machine and process figures for the benchmarks (Linux /proc): how busy the CPUs were before a run,
// how they were shared during a measurement, and a process's CPU time and memory.
import fs from "node:fs";
import os from "node:os";

/** Percent of all CPUs busy during `ms` (another build or test run on the machine skews every figure). */
export async function cpuBusyPercent(ms = 1000): Promise<number> {
  const times = () =>
    os.cpus().reduce((a, c) => ({ idle: a.idle + c.times.idle, all: a.all + Object.values(c.times).reduce((x, y) => x + y, 0) }), {
      idle: 0,
      all: 0,
    });
  const a = times();
  await new Promise((r) => setTimeout(r, ms));
  const b = times();
  return Math.round((1 - (b.idle - a.idle) / (b.all - a.all)) * 100);
}

/** The 1, 5 and 15 minute load averages. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");
}

/** Resident memory of a process, in MiB. */
export function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, in clock ticks (1/100 s on Linux). */
export function processTicks(pid: number): number | undefined {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // After the command name: state is field 3, utime field 14, stime field 15 (1-based in proc(5)).
    return Number(f[11]) + Number(f[12]);
  } catch {
    return undefined;
  }
}

/** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
export function machineTicks(): { busy: number; all: number } | undefined {
  try {
    const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const all = cpu.reduce((a, b) => a + b, 0);
    return { busy: all - cpu[3]! - (cpu[4] ?? 0), all };
  } catch {
    return undefined;
  }
}

/** How the CPUs were shared during a measurement, each in percent of one CPU (200 % = both CPUs of a 2-CPU machine busy). */
export interface CpuShare {
  appPct: number;
  benchPct: number;
  otherPct: number;
}

/**
 * Starts measuring how the CPUs are shared: the app, this process (the load generator or an in-process
 * baseline), and everything else. The returned function gives the figures, or undefined where /proc could
 * not be read at either end (the app had exited): no figure rather than a wrong one.
 */
export function cpuShare(pid: number | undefined): () => CpuShare | undefined {
  const m0 = machineTicks();
  const a0 = pid ? processTicks(pid) : 0;
  const self0 = process.cpuUsage();
  return () => {
    const m1 = machineTicks();
    const a1 = pid ? processTicks(pid) : 0;
    const selfUs = process.cpuUsage(self0);
    if (!m0 || !m1 || m1.all === m0.all || a0 === undefined || a1 === undefined) return undefined;
    const all = m1.all - m0.all;
    const pct = (j: number) => Math.round((j / all) * os.cpus().length * 100);
    const appJ = a1 - a0;
    const selfJ = ((selfUs.user + selfUs.system) / 1e6) * 100;
    return { appPct: pct(appJ), benchPct: pct(selfJ), otherPct: Math.max(0, pct(m1.busy - m0.busy - appJ - selfJ)) };
  };
}
