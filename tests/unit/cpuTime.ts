/**
 * CPU milliseconds one call takes (after a warm-up call), the median of `runs`. CPU time, not wall time:
 * CI shares two cores with other work, and a process waiting for a core is not slower code.
 */
export function medianCpuMs(call: () => unknown, runs = 11): number {
  call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    call();
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
