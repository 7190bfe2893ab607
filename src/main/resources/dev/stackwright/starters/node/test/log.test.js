import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../src/log.js';

describe('the JSON logger', () => {
  it('writes one JSON object per line with time, level, message and the fields given', () => {
    const lines = [];
    createLogger({ write: (l) => lines.push(l) }).info('hello', { port: 8080 });
    assert.equal(lines.length, 1);
    assert.ok(lines[0].endsWith('\n'));
    assert.equal(lines[0].indexOf('\n'), lines[0].length - 1);
    const entry = JSON.parse(lines[0]);
    assert.deepEqual(Object.keys(entry), ['time', 'level', 'message', 'port']);
    assert.equal(entry.level, 'info');
    assert.equal(entry.message, 'hello');
    assert.equal(entry.port, 8080);
  });

  it('leaves out what is below its level', () => {
    const lines = [];
    const log = createLogger({ level: 'warn', write: (l) => lines.push(JSON.parse(l)) });
    log.info('quiet');
    log.error('loud');
    assert.deepEqual(lines.map((l) => l.message), ['loud']);
  });

  it('keeps a message with a newline on one line', () => {
    const lines = [];
    createLogger({ write: (l) => lines.push(l) }).warn('two\nlines');
    assert.equal(lines[0].split('\n').length, 2);
    assert.equal(JSON.parse(lines[0]).message, 'two\nlines');
  });
});
