import { NotPermitted, RuleViolation } from '../../errors.js';
import { dateOf } from '../../child-record/rules/guards.js';
import type { LocalOfferCommandOf } from '../commands.js';
import type { LocalOffer } from '../state.js';
import { isOwnLocalAuthority, requireNew, requireNotBefore, requireOwnLocalAuthority, serviceOf } from './guards.js';

/**
 * Regs 56: the LA seeks comments on its Local Offer. Anyone signed in may send one directly; a
 * comment that reached the LA another way is recorded by one of its officers. A comment may be about
 * a withdrawn service (its withdrawal may be the gap complained of), but not about one never listed.
 */
export function commentReceived(command: LocalOfferCommandOf<'LocalOfferCommentReceived'>, offer: LocalOffer): void {
  requireNew(Boolean(offer.comments[command.data.commentId]), 'duplicate-id', 'a comment with this id', 'commentId');
  if (command.data.channel !== 'direct' && !isOwnLocalAuthority(command)) {
    throw new NotPermitted(
      `only an officer of local authority ${command.laCode} records comments received by ${command.data.channel}; a comment you send yourself has channel "direct"`,
    );
  }
  if (command.data.about !== undefined) serviceOf(offer, command.data.about, 'about');
}

/** CFA 2014 s.30(6) and Regs 56: the LA publishes its response to comments and the action it takes. */
export function responsePublished(command: LocalOfferCommandOf<'LocalOfferResponsePublished'>, offer: LocalOffer): void {
  requireOwnLocalAuthority(command, 'publish a response to Local Offer comments');
  requireNew(Boolean(offer.responses[command.data.responseId]), 'duplicate-id', 'a response with this id', 'responseId');
  command.data.commentIds.forEach((commentId, index) => {
    const field = `commentIds.${index}`;
    const comment = offer.comments[commentId];
    if (!comment) throw new RuleViolation('unknown-comment', `this Local Offer has received no comment with id ${commentId}`, field);
    if (comment.answered) {
      throw new RuleViolation('comment-already-answered', `comment ${commentId} was answered by response ${comment.answered.responseId} on ${dateOf(comment.answered.on)}`, field);
    }
    requireNotBefore(command.occurredAt, comment.received.on, 'response-before-comment', 'a response cannot precede a comment it answers');
  });
}
