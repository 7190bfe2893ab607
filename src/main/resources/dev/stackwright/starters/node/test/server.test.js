import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('../src/server.js', import.meta.url));

it('starts on PORT, answers, and on SIGTERM finishes and exits 0 with its logs in JSON', async () => {
  const child = spawn(process.execPath, [server], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const logs = [];
  const listening = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line); // every line is JSON, or this throws
      logs.push(entry);
      if (entry.message === 'listening') resolve(entry.port);
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code} before listening: ${JSON.stringify(logs)}`)));
  });
  const port = await listening;
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  assert.equal(res.status, 200);

  child.kill('SIGTERM');
  const [code] = await exited;
  assert.equal(code, 0);
  assert.deepEqual(
    logs.map((l) => l.message).filter((m) => ['listening', 'stopping', 'stopped'].includes(m)),
    ['listening', 'stopping', 'stopped'],
  );
  assert.ok(logs.every((l) => typeof l.time === 'string' && typeof l.level === 'string'));
});
