import knexFactory, { type Knex } from 'knex';
import { compiledSelect } from '../../../server/src/index-store/compiled-select';

describe('compiledSelect', () => {
  let db: Knex;
  beforeEach(async () => {
    db = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await db.schema.createTable('items', (table) => {
      table.increments('id');
      table.string('owner');
      table.integer('rank');
    });
    await db('items').insert([
      { owner: 'ann', rank: 2 },
      { owner: 'ann', rank: 1 },
      { owner: 'bob', rank: 1 },
    ]);
  });
  afterEach(() => db.destroy());

  it("runs the compiled query with each call's values, wherever a marker appears", async () => {
    let builds = 0;
    const byOwner = compiledSelect<[string, number]>(['\u0000owner', '\u0000rank'], (knex, owner, rank) => {
      builds += 1;
      return knex('items')
        .select('owner', 'rank')
        .where('owner', owner)
        .andWhere('rank', '>=', rank)
        .unionAll((union) => union.select('owner', 'rank').from('items').where('owner', owner).andWhere('rank', '<', rank))
        .limit(10);
    });
    const rows = await byOwner(db, 'ann', 2);
    expect(rows.map((row) => row.rank).sort()).toEqual([1, 2]);
    expect(await byOwner(db, 'bob', 5)).toEqual([{ owner: 'bob', rank: 1 }]);
    expect(await byOwner(db, 'carl', 1)).toEqual([]);
    expect(builds).toBe(1);
  });
});
