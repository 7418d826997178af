import type { Knex } from 'knex';
import type { PurgeStatus } from '../contracts/dashboard';
import { createIfMissing } from '../database/tables';

const TABLE = 'newsroom_purge_status';

interface Row {
  sent: number | string;
  failed: number | string;
  last_success_at: number | string | null;
  last_failure_at: number | string | null;
  last_failure_message: string | null;
  last_failure_keys: number | string | null;
}

const iso = (time: number | string | null): string | null => (time === null ? null : new Date(Number(time)).toISOString());

/** One shared row: every instance adds its purge outcomes to it. */
export const createPurgeStatus = (db: () => Knex) => ({
  async ensure(): Promise<void> {
    await createIfMissing(db(), TABLE, (table) => {
      table.integer('id').primary();
      table.bigInteger('sent').notNullable();
      table.bigInteger('failed').notNullable();
      table.bigInteger('last_success_at').nullable();
      table.bigInteger('last_failure_at').nullable();
      table.string('last_failure_message', 500).nullable();
      table.integer('last_failure_keys').nullable();
    });
    await db()(TABLE).insert({ id: 1, sent: 0, failed: 0 }).onConflict('id').ignore();
  },

  async succeeded(at: number): Promise<void> {
    await db()(TABLE)
      .where({ id: 1 })
      .update({ sent: db().raw('sent + 1'), last_success_at: at });
  },

  async failed(at: number, message: string, keys: number): Promise<void> {
    await db()(TABLE)
      .where({ id: 1 })
      .update({ failed: db().raw('failed + 1'), last_failure_at: at, last_failure_message: message.slice(0, 500), last_failure_keys: keys });
  },

  async read(): Promise<PurgeStatus> {
    const row = (await db()(TABLE).first('*').where({ id: 1 })) as Row | undefined;
    if (!row) return { sent: 0, failed: 0, lastSuccessAt: null, lastFailure: null };
    const failedAt = iso(row.last_failure_at);
    return {
      sent: Number(row.sent),
      failed: Number(row.failed),
      lastSuccessAt: iso(row.last_success_at),
      lastFailure: failedAt ? { at: failedAt, message: row.last_failure_message ?? '', keys: Number(row.last_failure_keys ?? 0) } : null,
    };
  },
});

export type PurgeStatusStore = ReturnType<typeof createPurgeStatus>;
