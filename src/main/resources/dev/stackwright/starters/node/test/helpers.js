import { once } from 'node:events';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/log.js';
import { openStore } from '../src/store.js';

/** The store the tests use: in memory for the no-database variant, else the database the DB_* variables name. */
export function testStore() {
  return openStore(process.env, undefined, { tries: 1 });
}

/** The app on an ephemeral port of 127.0.0.1, with its log lines collected as objects. */
export async function startApp(store) {
  const logs = [];
  const log = createLogger({ write: (line) => logs.push(JSON.parse(line)) });
  const server = createApp({ store, log }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    logs,
    /** A request with a JSON body (an object), or a raw string body sent as JSON. */
    async call(method, path, body) {
      const init = { method, headers: {} };
      if (body !== undefined) {
        init.headers['content-type'] = 'application/json';
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
      }
      const res = await fetch(base + path, init);
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
