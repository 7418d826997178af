import type { Worker } from 'worker_threads';
import { createProfile, type ArticleProfile, type IndexableArticle, type RelatedSettings } from '../related';
import type { AnalysisRequest, ThreadReply } from '../analysis-thread/messages';
import { builtThread, startEngineThread } from './engine-thread';

export interface Analyser {
  analyze(articles: IndexableArticle[]): Promise<ArticleProfile[]>;
  close(): Promise<void>;
}

interface Waiting {
  resolve(profiles: ArticleProfile[]): void;
  reject(error: Error): void;
}

/**
 * Analyses batches of articles on a thread of its own (the machine's other core), so that a
 * rebuild stores one batch while the next is analysed. Without the thread's bundle, or once the
 * thread failed, it analyses in this thread: same profiles, only slower.
 */
export const createAnalyser = (settings: RelatedSettings, script: string | undefined = builtThread()): Analyser => {
  const inline = async (articles: IndexableArticle[]): Promise<ArticleProfile[]> => articles.map((article) => createProfile(article, settings));
  if (script === undefined) return { analyze: inline, close: async () => undefined };
  let worker: Worker | undefined;
  let broken = false;
  let next = 0;
  const waiting = new Map<number, Waiting>();

  const abandon = (error: Error): void => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };

  const thread = (): Worker => {
    if (worker) return worker;
    const started = startEngineThread(script, settings);
    started.on('message', (reply: ThreadReply) => {
      if (reply.kind !== 'analyse') return;
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ('profiles' in reply) pending?.resolve(reply.profiles);
      else pending?.reject(new Error(reply.error));
    });
    started.on('error', (error) => {
      broken = true;
      abandon(error);
    });
    started.on('exit', (code) => {
      if (worker !== started) return;
      worker = undefined;
      broken = true;
      abandon(new Error(`the analysis thread stopped (exit code ${code})`));
    });
    worker = started;
    return started;
  };

  return {
    async analyze(articles) {
      if (broken || articles.length === 0) return inline(articles);
      const id = next++;
      const reply = new Promise<ArticleProfile[]>((resolve, reject) => waiting.set(id, { resolve, reject }));
      thread().postMessage({ kind: 'analyse', id, articles } satisfies AnalysisRequest);
      try {
        return await reply;
      } catch {
        // A thread that failed, or an article it could not analyse: here, the error is the caller's.
        return inline(articles);
      }
    },
    async close() {
      const stopping = worker;
      worker = undefined;
      abandon(new Error('the analysis thread was closed'));
      if (stopping) await stopping.terminate();
    },
  };
};
