import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, testStore } from './helpers.js';

describe('/items and /health ({{database}})', () => {
  let app;
  let store;
  before(async () => {
    store = await testStore();
    app = await startApp(store);
  });
  after(async () => {
    await app.close();
    await store.close();
  });

  it('answers /health with ok', async () => {
    const res = await app.call('GET', '/health');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('creates an item: 201, its Location, and the item with done false by default', async () => {
    const res = await app.call('POST', '/items', { name: 'milk' });
    assert.equal(res.status, 201);
    assert.equal(typeof res.body.id, 'number');
    assert.deepEqual(res.body, { id: res.body.id, name: 'milk', done: false });
    assert.equal(res.headers.get('location'), `/items/${res.body.id}`);
  });

  it('lists the items created', async () => {
    const a = (await app.call('POST', '/items', { name: 'bread', done: true })).body;
    const b = (await app.call('POST', '/items', { name: 'eggs' })).body;
    const res = await app.call('GET', '/items');
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.body));
    assert.deepEqual(res.body.filter((i) => i.id === a.id || i.id === b.id), [a, b]);
  });

  it('gets one item, and 404 for an unknown or malformed id', async () => {
    const made = (await app.call('POST', '/items', { name: 'tea' })).body;
    const res = await app.call('GET', `/items/${made.id}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, made);
    assert.equal((await app.call('GET', '/items/999999999')).status, 404);
    assert.equal((await app.call('GET', '/items/abc')).status, 404);
    assert.equal((await app.call('GET', '/items/0')).status, 404);
  });

  it('updates an item, also to the same values, and 404 for an unknown id', async () => {
    const made = (await app.call('POST', '/items', { name: 'jam' })).body;
    const res = await app.call('PUT', `/items/${made.id}`, { name: 'plum jam', done: true });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { id: made.id, name: 'plum jam', done: true });
    assert.deepEqual((await app.call('GET', `/items/${made.id}`)).body, res.body);
    const same = await app.call('PUT', `/items/${made.id}`, { name: 'plum jam', done: true });
    assert.equal(same.status, 200);
    assert.deepEqual(same.body, res.body);
    const unknown = await app.call('PUT', '/items/999999999', { name: 'x' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error, /no item 999999999/);
  });

  it('deletes an item: 204, then 404 for it', async () => {
    const made = (await app.call('POST', '/items', { name: 'salt' })).body;
    const res = await app.call('DELETE', `/items/${made.id}`);
    assert.equal(res.status, 204);
    assert.equal(res.body, undefined);
    assert.equal((await app.call('GET', `/items/${made.id}`)).status, 404);
    assert.equal((await app.call('DELETE', `/items/${made.id}`)).status, 404);
  });

  for (const [what, body, message] of [
    ['bad JSON', '{"name": ', /not valid JSON/],
    ['a missing name', { done: true }, /name is missing/],
    ['an empty name', { name: '   ' }, /name is missing/],
    ['a name that is not text', { name: 42 }, /name is missing/],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, /longer than 200/],
    ['done that is not a boolean', { name: 'x', done: 'yes' }, /done must be true or false/],
    ['an array', '[{"name": "x"}]', /must be a JSON object/],
  ]) {
    it(`refuses ${what} with 400, on create and on update`, async () => {
      const made = (await app.call('POST', '/items', { name: 'kept' })).body;
      for (const [method, path] of [['POST', '/items'], ['PUT', `/items/${made.id}`]]) {
        const res = await app.call(method, path, body);
        assert.equal(res.status, 400, `${method} ${path}`);
        assert.match(res.body.error, message);
      }
      assert.deepEqual((await app.call('GET', `/items/${made.id}`)).body, made);
    });
  }

  it('answers an unknown route with a JSON 404', async () => {
    const res = await app.call('GET', '/nothing-here');
    assert.equal(res.status, 404);
    assert.match(res.body.error, /no route for GET \/nothing-here/);
  });

  it('logs each request as one JSON line with method, path, status and ms', async () => {
    await app.call('GET', '/items/424242');
    const line = app.logs.findLast((l) => l.message === 'request' && l.path === '/items/424242');
    assert.ok(line, 'a request line');
    assert.equal(line.level, 'info');
    assert.equal(line.method, 'GET');
    assert.equal(line.status, 404);
    assert.equal(typeof line.ms, 'number');
    assert.ok(!Number.isNaN(Date.parse(line.time)));
  });
});
