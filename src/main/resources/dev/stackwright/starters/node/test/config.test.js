import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_PORT, httpPort } from '../src/config.js';

it('listens on PORT, 8080 without it, and refuses a PORT that is not a port', () => {
  assert.equal(httpPort({ PORT: '3000' }), 3000);
  assert.equal(httpPort({}), DEFAULT_PORT);
  assert.equal(DEFAULT_PORT, 8080);
  assert.throws(() => httpPort({ PORT: 'http' }), /PORT must be a number from 0 to 65535, not "http"/);
  assert.throws(() => httpPort({ PORT: '70000' }), /not "70000"/);
});
