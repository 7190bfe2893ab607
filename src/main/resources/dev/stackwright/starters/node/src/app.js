import express from 'express';

// The HTTP API: /items (list, get, create, update, delete) and /health. The store is passed in, so the same app
// runs on the database and, in the no-database variant, in memory.
export function createApp({ store, log }) {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(log));
  app.use(express.json({ limit: '100kb' }));

  app.get('/health', async (_req, res) => {
    try {
      await store.ping();
      res.json({ status: 'ok' });
    } catch (err) {
      log.warn('health check failed', { error: err.message });
      res.status(503).json({ status: 'unavailable', error: 'the database does not answer' });
    }
  });

  app.get('/items', async (_req, res) => {
    res.json(await store.list());
  });

  app.post('/items', async (req, res) => {
    const item = await store.create(validItem(req.body));
    res.status(201).location(`/items/${item.id}`).json(item);
  });

  app.get('/items/:id', async (req, res) => {
    const id = itemId(req.params.id);
    res.json(found(await store.get(id), req.params.id));
  });

  app.put('/items/:id', async (req, res) => {
    const id = itemId(req.params.id);
    const fields = validItem(req.body);
    res.json(found(await store.update(id, fields), req.params.id));
  });

  app.delete('/items/:id', async (req, res) => {
    const id = itemId(req.params.id);
    found(await store.remove(id), req.params.id);
    res.status(204).end();
  });

  app.use((req, res) => {
    res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
  });

  // Express 5 hands rejected promises of async handlers to this error handler.
  app.use((err, req, res, _next) => {
    if (err.type === 'entity.parse.failed') {
      return res.status(400).json({ error: 'the body is not valid JSON' });
    }
    if (err.status && err.status >= 400 && err.status < 500) {
      return res.status(err.status).json({ error: err.expose === false ? 'bad request' : err.message });
    }
    log.error('request failed', { method: req.method, path: req.path, error: err.message });
    return res.status(500).json({ error: 'internal error' });
  });
  return app;
}

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The fields of an item from a request body: name (required, a non-empty string) and done (optional boolean). */
export function validItem(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'the body must be a JSON object such as {"name": "milk", "done": false}');
  }
  if (typeof body.name !== 'string' || body.name.trim() === '') {
    throw new HttpError(400, 'name is missing: send {"name": "..."}');
  }
  if (body.name.length > 200) {
    throw new HttpError(400, 'name is longer than 200 characters');
  }
  if (body.done !== undefined && typeof body.done !== 'boolean') {
    throw new HttpError(400, 'done must be true or false');
  }
  return { name: body.name.trim(), done: body.done ?? false };
}

/** An id is a positive integer; anything else names no item, so it is a 404 like an unknown number. */
function itemId(text) {
  if (!/^[1-9][0-9]{0,14}$/.test(text)) {
    throw new HttpError(404, `no item ${text}`);
  }
  return Number(text);
}

function found(item, id) {
  if (!item) {
    throw new HttpError(404, `no item ${id}`);
  }
  return item;
}

function requestLog(log) {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number((process.hrtime.bigint() - start) / 1000n) / 1000;
      log.info('request', { method: req.method, path: req.path, status: res.statusCode, ms });
    });
    next();
  };
}
