/**
 * The engine's thread entry (built to its own bundle), for a rebuild's other core: it turns
 * batches of articles into profiles with the settings it was started with (the index phase),
 * computes blocks of a full reprofile's profiles, and finds lists' contenders (the lists phase),
 * both from the memory the main thread shares.
 */
import { parentPort, workerData } from 'worker_threads';
import {
  createProfile,
  listContendersFinder,
  packContenders,
  profileBlockComputer,
  type ProfileBlock,
  type RelatedSettings,
  type SharedLists,
} from '../related';
import { claimedByHelper, type ThreadReply, type ThreadRequest } from './messages';

const { settings } = workerData as { settings: RelatedSettings };
const port = parentPort;
const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

let computeBlock: ((block: ProfileBlock) => void) | undefined;
/** The next share's lists, as their parts arrive. */
let incoming: SharedLists['lists'] = [];
/** The share with the lists sent ahead of it. */
const withLists = <Share extends { lists: SharedLists }>(share: Share): Share => {
  const lists = incoming;
  incoming = [];
  return { ...share, lists: { ...share.lists, lists } };
};
/** By locale: the generation of its last share, and the finder over it. */
const finders = new Map<string, { generation: number; find: ReturnType<typeof listContendersFinder> }>();

const reply = (request: ThreadRequest): ThreadReply | undefined => {
  switch (request.kind) {
    case 'lists-part':
      request.lists.forEach((list, at) => (incoming[request.from + at] = list));
      return undefined;
    case 'profile-share':
      computeBlock = profileBlockComputer(withLists(request.share));
      return undefined;
    case 'list-share':
      finders.set(request.share.locale, { generation: request.share.generation, find: listContendersFinder(withLists(request.share)) });
      return undefined;
    case 'profile-block': {
      const { pass, from } = request.block;
      try {
        if (!computeBlock) throw new Error('a block of profiles came before what it is computed from');
        computeBlock(request.block);
        return { kind: 'profile-block', pass, from, count: request.block.slots.length };
      } catch (error) {
        return { kind: 'profile-block', pass, from, count: 0, error: reasonOf(error) };
      }
    }
    case 'list-block':
      if (Atomics.compareExchange(request.claims, request.claim, 0, claimedByHelper) !== 0) return { kind: 'list-block', id: request.id, taken: true };
      try {
        const contenders = packContenders(
          request.targets.map((target) => {
            const finder = finders.get(target.locale);
            return finder?.generation === target.generation ? { generation: target.generation, scored: finder.find(target) } : null;
          }),
        );
        return { kind: 'list-block', id: request.id, contenders };
      } catch (error) {
        return { kind: 'list-block', id: request.id, error: reasonOf(error) };
      }
    case 'analyse':
      try {
        return { kind: 'analyse', id: request.id, profiles: request.articles.map((article) => createProfile(article, settings)) };
      } catch (error) {
        return { kind: 'analyse', id: request.id, error: reasonOf(error) };
      }
  }
};

port?.on('message', (request: ThreadRequest) => {
  const answer = reply(request);
  if (!answer) return;
  // A block's contenders are moved, not copied.
  port.postMessage(answer, answer.kind === 'list-block' && 'contenders' in answer ? Object.values(answer.contenders).map((array) => array.buffer) : []);
});
