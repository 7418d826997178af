/**
 * The engine's thread entry (built to its own bundle), for a rebuild's other core: it turns
 * batches of articles into profiles with the settings it was started with (the index phase), and
 * computes blocks of a full reprofile's profiles from the memory the main thread shares (the
 * lists phase).
 */
import { parentPort, workerData } from 'worker_threads';
import { createProfile, profileBlockComputer, type ProfileBlock, type RelatedSettings } from '../related';
import type { ThreadReply, ThreadRequest } from './messages';

const { settings } = workerData as { settings: RelatedSettings };
const port = parentPort;
const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

let computeBlock: ((block: ProfileBlock) => void) | undefined;

port?.on('message', (request: ThreadRequest) => {
  if (request.kind === 'profile-share') {
    computeBlock = profileBlockComputer(request.share);
    return;
  }
  let reply: ThreadReply;
  if (request.kind === 'profile-block') {
    const { pass, from } = request.block;
    try {
      if (!computeBlock) throw new Error('a block of profiles came before what it is computed from');
      computeBlock(request.block);
      reply = { kind: 'profile-block', pass, from, count: request.block.slots.length };
    } catch (error) {
      reply = { kind: 'profile-block', pass, from, count: 0, error: reasonOf(error) };
    }
  } else {
    const { id, articles } = request;
    try {
      reply = { kind: 'analyse', id, profiles: articles.map((article) => createProfile(article, settings)) };
    } catch (error) {
      reply = { kind: 'analyse', id, error: reasonOf(error) };
    }
  }
  port.postMessage(reply);
});
