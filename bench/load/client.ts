/**
 * The load client process: forked by bench/run.ts, it takes one command at a time over IPC and
 * answers with its measurements. It exits when told to, or when its parent goes away.
 */
import { ChatLoad } from './chat.js';
import { runHealthUnderLogin, runHttp } from './http.js';
import type { Command, Reply, Request } from './protocol.js';

if (!process.send) {
  console.error('bench/load/client runs as a child of bench/run.ts');
  process.exit(2);
}

const pools = new Map<string, ChatLoad>();
const pool = (name = 'default') => {
  let chat = pools.get(name);
  if (!chat) pools.set(name, (chat = new ChatLoad()));
  return chat;
};

async function execute(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'connect':
      return pool(command.pool).connect(command);
    case 'chat':
      return pool(command.pool).chat(command);
    case 'disconnect':
      await pool(command.pool).disconnect();
      return {};
    case 'http':
      return runHttp(command);
    case 'healthUnderLogin':
      return runHealthUnderLogin(command);
    case 'exit':
      for (const chat of pools.values()) await chat.disconnect();
      setImmediate(() => process.exit(0));
      return {};
  }
}

// One command at a time: the orchestrator awaits each reply, so measurements never overlap.
let queue: Promise<void> = Promise.resolve();
process.on('message', (request: Request) => {
  queue = queue.then(async () => {
    let reply: Reply;
    try {
      reply = { id: request.id, ok: true, result: await execute(request.command) };
    } catch (err) {
      reply = { id: request.id, ok: false, error: err instanceof Error ? `${err.message}` : String(err) };
    }
    process.send!(reply);
  });
});

process.on('disconnect', () => process.exit(0));
