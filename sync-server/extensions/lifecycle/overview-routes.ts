import { z } from 'zod';
import { isMember } from '../../../shared/access/index.js';
import { listThreads } from '../../../shared/docs/lifecycle/comments.js';
import { publishedRatingOf, readLifecycle } from '../../../shared/docs/lifecycle/document.js';
import { WAITING_FOR_GROUP } from '../../../shared/docs/lifecycle/status.js';
import { OverviewPath, SearchQuery, type OpenComment, type OpenItems, type SearchHit } from '../../../shared/docs/lifecycle/api.js';
import { listProposals } from '../../../shared/docs/proposal.js';
import { Fragment } from '../../../shared/schema/fragments.js';
import { groupIndexDocName, parseDocName, proposalCommentsDocName, proposalDocName } from '../../../shared/sync/doc-names.js';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type { Actor, LifecycleContext, Route } from './context.js';
import { readQuery } from './http.js';
import { mayReadGroup } from '../../../shared/access/index.js';

function plainText(json: unknown): string {
  if (typeof json !== 'object' || json === null) {
    return '';
  }
  const node = json as { text?: unknown; content?: unknown };
  const own = typeof node.text === 'string' ? node.text : '';
  const children = Array.isArray(node.content) ? node.content.map(plainText).join(node.text === undefined ? ' ' : '') : '';
  return `${own}${children}`.replace(/\s+/g, ' ');
}

/** Search and "Meine offenen Punkte", over the stored documents the account may read. */
export function overviewRoutes(context: LifecycleContext): Record<string, Route> {
  const readableGroups = (actor: Actor): string[] =>
    context
      .host()
      .store.documents()
      .flatMap((name) => {
        const doc = parseDocName(name);
        return doc?.kind === 'group-index' && mayReadGroup(actor.principal, doc.groupId) ? [doc.groupId] : [];
      });

  return {
    [OverviewPath.openItems]: (req, actor): OpenItems => {
      readQuery(req, z.object({}));
      const items: OpenItems = { mentions: [], commentsOnMine: [], waitingForGroup: [] };
      for (const groupId of readableGroups(actor)) {
        const proposals = listProposals(context.readDoc(groupIndexDocName(groupId)));
        for (const summary of proposals) {
          const status = summary.lifecycle ?? (summary.status === 'final' ? 'ag-beschlossen' : 'entwurf');
          if (isMember(actor.principal, groupId) && WAITING_FOR_GROUP.has(status)) {
            items.waitingForGroup.push({ groupId, proposalId: summary.id, title: summary.title, status, updatedAt: summary.updatedAt });
          }
          const mine = summary.createdBy === actor.name || summary.createdBy === actor.login;
          for (const thread of listThreads(context.readDoc(proposalCommentsDocName(groupId, summary.id)))) {
            if (thread.resolvedAt !== null) {
              continue;
            }
            for (const comment of thread.comments) {
              const open: OpenComment = { groupId, proposalId: summary.id, threadId: thread.id, commentId: comment.id, by: comment.author, byName: comment.authorName, at: comment.at, text: comment.text };
              if (comment.mentions.includes(actor.login)) {
                items.mentions.push(open);
              } else if (mine && comment.author !== actor.login) {
                items.commentsOnMine.push(open);
              }
            }
          }
        }
      }
      items.mentions.sort((a, b) => b.at.localeCompare(a.at));
      items.commentsOnMine.sort((a, b) => b.at.localeCompare(a.at));
      return items;
    },
    [OverviewPath.search]: (req, actor) => {
      const query = readQuery(req, SearchQuery);
      const needle = query.q?.trim().toLocaleLowerCase('de') ?? '';
      const results: SearchHit[] = [];
      for (const groupId of readableGroups(actor)) {
        if (query.group !== undefined && query.group !== groupId) {
          continue;
        }
        for (const summary of listProposals(context.readDoc(groupIndexDocName(groupId)))) {
          const year = Number(summary.createdAt.slice(0, 4));
          if ((summary.movedTo ?? null) !== null || (query.year !== undefined && query.year !== year)) {
            continue;
          }
          const doc = context.readDoc(proposalDocName(groupId, summary.id));
          const status = readLifecycle(doc).status;
          const rating = publishedRatingOf(doc)?.category ?? null;
          if ((query.status !== undefined && query.status !== status) || (query.rating !== undefined && query.rating !== rating)) {
            continue;
          }
          const text = [Fragment.proposalRecommendation, Fragment.proposalBody].map((name) => plainText(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(name)))).join(' ').trim();
          doc.destroy();
          const inTitle = summary.title.toLocaleLowerCase('de').includes(needle);
          const at = needle === '' ? 0 : text.toLocaleLowerCase('de').indexOf(needle);
          if (needle !== '' && !inTitle && at < 0) {
            continue;
          }
          const from = Math.max(0, at - 60);
          results.push({ groupId, proposalId: summary.id, title: summary.title, status, year, rating, snippet: text.slice(from, from + 200) });
        }
      }
      return { results };
    },
  };
}
