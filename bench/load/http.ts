/**
 * REST load with autocannon. Latencies are taken from autocannon's per-response event as floats
 * (its own histogram keeps whole milliseconds, too coarse for sub-millisecond p99s).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { round, summarize } from '../lib/stats.js';
import type { HealthUnderLoginCommand, HealthUnderLoginResult, HttpCommand, HttpResult } from './protocol.js';

export async function runHttp(command: HttpCommand): Promise<HttpResult> {
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let ok = 0;
  let non2xx = 0;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: command.url + command.path,
        method: command.method ?? 'GET',
        headers: command.headers ?? {},
        body: command.body,
        connections: command.connections,
        duration: command.durationS,
        timeout: 10,
        ...(command.overallRate ? { overallRate: command.overallRate } : {}),
      },
      (err: Error | null, res: autocannon.Result) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        ok++;
        latencies.push(responseTime);
      } else {
        non2xx++;
      }
    });
  });
  lag.disable();
  const seconds = Math.min(Math.max(0.001, (performance.now() - started) / 1000), command.durationS);
  return {
    requests: ok + non2xx,
    ok,
    non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    rps: round(ok / seconds, 1),
    latency: summarize(latencies),
    clientLagP99Ms: round(lag.percentile(99) / 1e6),
    seconds,
    ...(command.keepSamples ? { samples: latencies } : {}),
  };
}

/**
 * S6: `/api/health` at a fixed rate while `concurrent` loops sign in again and again. With
 * `concurrent: 0` it measures the idle latency the loaded one is compared with.
 */
export async function runHealthUnderLogin(command: HealthUnderLoginCommand): Promise<HealthUnderLoginResult> {
  const loginLatencies: number[] = [];
  const loginStatus: Record<string, number> = {};
  let loginOk = 0;
  let loginFailed = 0;
  let stop = false;
  const loop = async (index: number) => {
    for (let i = 0; !stop; i++) {
      const creds = command.logins[(index + i * command.concurrent) % command.logins.length]!;
      const t = performance.now();
      try {
        const res = await fetch(`${command.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(creds),
          signal: AbortSignal.timeout(15_000),
        });
        await res.arrayBuffer();
        loginStatus[res.status] = (loginStatus[res.status] ?? 0) + 1;
        if (res.ok) {
          loginOk++;
          loginLatencies.push(performance.now() - t);
        } else loginFailed++;
      } catch {
        loginFailed++;
        loginStatus.error = (loginStatus.error ?? 0) + 1;
      }
    }
  };
  const loops = Array.from({ length: command.concurrent }, (_, i) => loop(i));
  // Let the first hashes start before health is measured.
  if (command.concurrent > 0) await new Promise((r) => setTimeout(r, 500));
  const health = await runHttp({
    cmd: 'http',
    url: command.url,
    path: '/api/health',
    connections: command.healthConnections,
    durationS: command.durationS,
    overallRate: command.healthRate,
  });
  stop = true;
  await Promise.all(loops);
  return { health, logins: { ok: loginOk, failed: loginFailed, latency: summarize(loginLatencies), statusCounts: loginStatus } };
}
