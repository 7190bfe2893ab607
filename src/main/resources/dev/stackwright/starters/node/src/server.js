import { createApp } from './app.js';
import { httpPort } from './config.js';
import { createLogger } from './log.js';
import { openStore } from './store.js';

// Starts the service: store (schema migrated first), then HTTP. SIGTERM (how ECS and Lambda stop a task) stops
// taking connections, lets the requests in flight finish, closes the database pool and exits 0.
const log = createLogger();

async function main() {
  const store = await openStore(process.env, log);
  const server = createApp({ store, log }).listen(httpPort(), () => {
    log.info('listening', { port: server.address().port, database: '{{database}}' });
  });

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    // Requests still running after 10 s are cut off: ECS sends SIGKILL 30 s after SIGTERM by default.
    setTimeout(() => {
      log.warn('requests still running after 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    server.close(async () => {
      await store.close();
      log.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  log.error('could not start', { error: err.message });
  process.exit(1);
});
