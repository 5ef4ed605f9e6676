// Storage: a `date` column reads back as the 'YYYY-MM-DD' text it holds on both drivers (PGlite, and
// PostgreSQL with DATABASE_URL), inside and outside a transaction, so use cases read calendar days
// straight from their rows; timestamps stay instants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb } from './harness.ts';

test('storage: date columns come back as YYYY-MM-DD text (null as null), timestamps as instants, on PGlite and PostgreSQL', async () => {
  const t = await openTestDb();
  try {
    await t.db.exec(`CREATE TABLE date_probe (id int PRIMARY KEY, d date, at timestamptz)`);
    await t.db.query(`INSERT INTO date_probe VALUES (1, $1, $2), (2, NULL, NULL)`, ['2026-12-31', new Date('2026-12-31T16:30:00Z')]);
    const read = async (q: { query: typeof t.db.query }) => (await q.query(`SELECT id, d, at FROM date_probe ORDER BY id`)).rows as any[];
    for (const rows of [await read(t.db), await t.db.transaction((tx) => read(tx))]) {
      assert.equal(rows[0].d, '2026-12-31');
      assert.equal(rows[1].d, null);
      assert.equal(new Date(rows[0].at).toISOString(), '2026-12-31T16:30:00.000Z');
    }
    // the columns the supervision, leaders, decisions and accountability views read
    const { rows } = await t.db.query(`SELECT $1::date AS due, (DATE '2027-01-01' - 1) AS eve`, ['2027-01-13']);
    assert.deepEqual(rows[0], { due: '2027-01-13', eve: '2026-12-31' });
  } finally {
    await t.close();
  }
});
