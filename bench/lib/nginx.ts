/**
 * Debian's nginx in front of bench nodes, on the repository's deploy/nginx.conf (unprivileged, `-p` a
 * temporary folder; the upstreams and listen lines in the included files it names), exactly as the
 * cluster test runs it. `addressFor(node)` finds a loopback address that nginx's
 * `hash $remote_addr consistent` sends to a given node, so the load client can spread its sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT, sleep } from './processes.js';

export const NGINX_BIN = '/usr/sbin/nginx';
export const nginxAvailable = () => existsSync(NGINX_BIN);

export interface Nginx {
  url: string;
  /** Loopback addresses (127.0.0.x) that land on each upstream, in the order given. */
  addressesFor(upstreamIndex: number, count: number): Promise<string[]>;
  stop(): Promise<void>;
}

function upstreamOf(url: string, localAddress: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/health`, { localAddress, agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers['x-circles-upstream'] ?? '')));
    });
    req.on('error', reject);
  });
}

export async function startNginx(upstreams: string[]): Promise<Nginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'circles-bench-nginx-'));
  const port = await freePort();
  const hosts = upstreams.map((u) => new URL(u).host);
  copyFileSync(path.join(REPO_ROOT, 'deploy/nginx.conf'), path.join(dir, 'nginx.conf'));
  writeFileSync(
    path.join(dir, 'circles-upstreams.conf'),
    `upstream circles {\n  hash $remote_addr consistent;\n${hosts.map((h) => `  server ${h} max_fails=0;`).join('\n')}\n}\n`,
  );
  writeFileSync(path.join(dir, 'circles-listen.conf'), `listen 127.0.0.1:${port} backlog=4096;\nadd_header X-Circles-Upstream $upstream_addr always;\n`);
  let log = '';
  const child: ChildProcess = spawn(NGINX_BIN, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${log}`);
    if ((await upstreamOf(url, '127.0.0.1').catch(() => '')) !== '') break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer: ${log}`);
    await sleep(100);
  }
  return {
    url,
    async addressesFor(index, count) {
      const found: string[] = [];
      for (let b = 0; b < 256 && found.length < count; b++) {
        for (let c = b === 0 ? 2 : 1; c < 255 && found.length < count; c++) {
          const address = `127.0.${b}.${c}`;
          if ((await upstreamOf(url, address)) === hosts[index]) found.push(address);
        }
      }
      if (found.length < count) throw new Error(`only ${found.length} loopback addresses land on ${hosts[index]}`);
      return found;
    },
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
