import type { Context } from 'koa';
import { IndexRebuildingError, WorkerOnlyError } from '../../../server/src/jobs/worker-only';
import workerOnly from '../../../server/src/middlewares/worker-only';

/** What the middleware leaves in a context after `next` threw `error`. */
const answerTo = async (error: Error): Promise<{ status?: number; body?: unknown }> => {
  const ctx = {} as Context;
  await workerOnly()(ctx, async () => {
    throw error;
  });
  return { status: ctx.status, body: ctx.body };
};

describe('admin actions that need the related index', () => {
  it('answer 503 in the error envelope, saying whether the instance only serves or a rebuild comes first', async () => {
    expect(await answerTo(new WorkerOnlyError('only serves'))).toEqual({
      status: 503,
      body: { data: null, error: { status: 503, name: 'WorkerOnlyError', message: 'only serves', details: { reason: 'serving-only' } } },
    });
    expect(await answerTo(new IndexRebuildingError('rebuilding'))).toEqual({
      status: 503,
      body: { data: null, error: { status: 503, name: 'IndexRebuildingError', message: 'rebuilding', details: { reason: 'rebuilding' } } },
    });
  });

  it('leave every other error to Strapi', async () => {
    await expect(answerTo(new TypeError('a bug'))).rejects.toThrow('a bug');
  });
});
