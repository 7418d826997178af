import type { Knex } from 'knex';
import { createLeaseLock } from '../database/lease-lock';
import { TABLES } from '../index-store/tables';

/** The right to compute and store related lists, held by one instance at a time. */
export const createWriterLock = (db: () => Knex, owner: string, leaseMs: number) => createLeaseLock(db, TABLES.lock, 'related-writer', owner, leaseMs);
