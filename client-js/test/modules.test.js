// Which modules a page always loads. The eager set is what
// index.js reaches through static imports and the two it imports at once
// (app.js, callbacks.js; errors.js only if the app cannot start); the
// rest are lazy and say so on their first line ("// Lazy module:"), which is
// what keeps them out of the script the page carries (its size is checked
// as served: runtime/src/server/assets.rs and tests/browser/size.test.js).
import nodeTest from 'node:test';
// Bounded: a promise that never settles fails its test instead of hanging the run.
const test = (name, fn) => nodeTest(name, {timeout: 10000}, fn);
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';

const dir = new URL('../src/', import.meta.url);
const src = f => readFileSync(new URL(f, dir), 'utf8');
const files = readdirSync(dir).filter(f => f.endsWith('.js')).sort();
const staticImports = f => [...src(f).matchAll(/^import\s[^'"]*['"]\.\/([\w.-]+)['"]/gm)].map(m => m[1]);

function eager() {
  assert.match(src('index.js'), /Promise\.all\(\[import\('\.\/callbacks\.js'\), import\('\.\/app\.js'\)\]\)/);
  const seen = new Set(), todo = ['index.js', 'callbacks.js', 'app.js'];
  while (todo.length) {
    const f = todo.pop();
    if (!seen.has(f)) { seen.add(f); todo.push(...staticImports(f)); }
  }
  return seen;
}

test('lazy modules are marked on their first line, and only they', () => {
  const always = eager();
  assert.ok(always.has('app.js') && always.has('callbacks.js') && always.has('store.js'));
  for (const f of files) {
    assert.equal(src(f).startsWith('// Lazy module:'), !always.has(f), f);
  }
  for (const lazy of ['nav.js', 'wildcards.js', 'clientside.js', 'errors.js', 'patch.js', 'checklist.js']) {
    assert.ok(files.includes(lazy) && !always.has(lazy), lazy);
  }
});
