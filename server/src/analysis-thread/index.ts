/**
 * The analysis thread's entry (built to its own bundle): turns batches of articles into profiles
 * with the settings it was started with, so that a rebuild's main thread does the rest meanwhile.
 */
import { parentPort, workerData } from 'worker_threads';
import { createProfile, type RelatedSettings } from '../related';
import type { AnalysisReply, AnalysisRequest } from './messages';

const { settings } = workerData as { settings: RelatedSettings };
const port = parentPort;

port?.on('message', ({ id, articles }: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = { id, profiles: articles.map((article) => createProfile(article, settings)) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
