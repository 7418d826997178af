import type { Context } from 'koa';
import { SettingsBusyError } from '../../../server/src/config/saved/save-lock';
import { IndexRebuildingError, WorkerOnlyError } from '../../../server/src/jobs/worker-only';
import answeredErrors from '../../../server/src/middlewares/answered-errors';

/** What the middleware leaves in a context after `next` threw `error`. */
const answerTo = async (error: Error): Promise<{ status?: number; body?: unknown; headers: Record<string, string> }> => {
  const headers: Record<string, string> = {};
  const ctx = { set: (name: string, value: string) => (headers[name] = value) } as unknown as Context;
  await answeredErrors()(ctx, async () => {
    throw error;
  });
  return { status: ctx.status, body: ctx.body, headers };
};

describe("the admin routes' own refusals", () => {
  it('answer 503 in the error envelope when an action needs the related index, saying whether the instance only serves or a rebuild comes first', async () => {
    expect(await answerTo(new WorkerOnlyError('only serves'))).toEqual({
      status: 503,
      body: { data: null, error: { status: 503, name: 'WorkerOnlyError', message: 'only serves', details: { reason: 'serving-only' } } },
      headers: {},
    });
    expect(await answerTo(new IndexRebuildingError('rebuilding'))).toEqual({
      status: 503,
      body: { data: null, error: { status: 503, name: 'IndexRebuildingError', message: 'rebuilding', details: { reason: 'rebuilding' } } },
      headers: {},
    });
  });

  it('answer 409 with a Retry-After when another instance holds the settings save', async () => {
    expect(await answerTo(new SettingsBusyError('busy'))).toEqual({
      status: 409,
      body: { data: null, error: { status: 409, name: 'SettingsBusyError', message: 'busy' } },
      headers: { 'Retry-After': '5' },
    });
  });

  it('leave every other error to Strapi', async () => {
    await expect(answerTo(new TypeError('a bug'))).rejects.toThrow('a bug');
  });
});
