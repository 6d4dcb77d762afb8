import { describe, expect, it } from 'vitest';
import { LOCAL_OFFER_EVENT_SCHEMAS } from '../../src/domain/local-offer/events.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import { comment, commented, ids, listed, phoned, response } from './local-offer.fixtures.js';
import { command, emitted, given, inspector, laOfficer, otherLaOfficer, parent, recorded, senco } from './local-offer-specification.js';

const answered = recorded('LocalOfferResponsePublished', response(), { on: '2025-02-03', by: laOfficer });

describe('local offer: comments and responses (CFA 2014 s.30(6); Regs 56)', () => {
  describe('comments', () => {
    it.each([['parent', parent], ['senco', senco], ['LA officer', laOfficer], ['officer of another LA', otherLaOfficer]])(
      'a %s may send a comment directly', (_name, by) => {
        given(listed).when(command('LocalOfferCommentReceived', comment(), { on: '2024-10-01', by })).then([emitted('LocalOfferCommentReceived', comment())]);
      },
    );

    it('an LA officer records a comment that arrived by another channel; nobody else may', () => {
      const byPhone = comment({ channel: 'phone' });
      given(listed).when(command('LocalOfferCommentReceived', byPhone, { on: '2024-10-01', by: laOfficer })).then([emitted('LocalOfferCommentReceived', byPhone)]);
      const error = given(listed).when(command('LocalOfferCommentReceived', byPhone, { on: '2024-10-01', by: parent })).thenThrows(NotPermitted);
      expect(error.message).toContain('"direct"');
      given(listed).when(command('LocalOfferCommentReceived', byPhone, { on: '2024-10-01', by: otherLaOfficer })).thenThrows(NotPermitted);
    });

    it('may be about no service in particular', () => {
      const general = comment({ about: undefined, topic: 'accessibility' });
      given().when(command('LocalOfferCommentReceived', general, { on: '2024-10-01', by: parent })).then([emitted('LocalOfferCommentReceived', general)]);
    });

    it('may be about a withdrawn service, not about one never listed', () => {
      const withdrawn = recorded('LocalOfferServiceWithdrawn', { serviceId: ids.service, reason: 'Contract ended' }, { on: '2024-09-30', by: laOfficer });
      given(listed, withdrawn).when(command('LocalOfferCommentReceived', comment(), { on: '2024-10-01', by: parent })).then([emitted('LocalOfferCommentReceived', comment())]);
      given(listed).when(command('LocalOfferCommentReceived', comment({ about: ids.unknown }), { on: '2024-10-01', by: parent }))
        .thenThrows(RuleViolation, { rule: 'unknown-service', field: 'about' });
    });

    it('refuses a comment id already used', () => {
      given(listed, commented).when(command('LocalOfferCommentReceived', comment(), { on: '2024-10-02', by: parent }))
        .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'commentId' });
    });

    it('the fold keeps when it was received, not who sent it (Regs 56: published anonymised)', () => {
      const kept = given(listed, commented).state.comments[ids.comment]!;
      expect(kept.received).toEqual({ eventId: commented.eventId, on: '2024-10-01T09:00:00.000Z' });
      expect(JSON.stringify(kept)).not.toContain(parent.displayName);
    });
  });

  describe('anonymised text (Regs 56)', () => {
    const summary = LOCAL_OFFER_EVENT_SCHEMAS.LocalOfferCommentReceived.shape.summary;
    const message = (text: string) => {
      const result = summary.safeParse(text);
      return result.success ? null : result.error.issues[0]!.message;
    };

    it.each(['Write to me at pat.parent@example.org please', 'contact: someone@school.sch.uk'])('refuses an email address: %s', (text) => {
      expect(message(text)).toMatch(/^must be anonymised: remove the email address/);
    });

    it.each(['Call 020 7946 0000 after 5', 'my mobile is 07700 900123', 'ring +44 (0)20 7946 0000', 'or +447700900123', 'tel 0044 20 7946 0000', '(01632) 960 001 any time'])(
      'refuses a UK phone number: %s', (text) => {
        expect(message(text)).toMatch(/^must be anonymised: remove the phone number/);
      },
    );

    it.each([
      'Waited 14 months (from 2023-09-01 to 2024-11-01) for 10 sessions',
      'Only 0.5 hours a week, 38 weeks a year, for 120 children',
      'The page dated 01/09/2024 is out of date; reference 12345678901 is wrong',
    ])('accepts ordinary numbers: %s', (text) => {
      expect(message(text)).toBeNull();
    });

    it('applies to the published response and actions too', () => {
      const schema = LOCAL_OFFER_EVENT_SCHEMAS.LocalOfferResponsePublished;
      expect(schema.safeParse(response({ response: 'Contact the team on 020 7946 0000' })).success).toBe(false);
      expect(schema.safeParse(response({ actionsTaken: 'Email lo@camden.gov.uk' })).success).toBe(false);
    });
  });

  describe('responses', () => {
    it('the LA publishes a response with the action it takes', () => {
      given(listed, commented).when(command('LocalOfferResponsePublished', response(), { on: '2025-02-03', by: laOfficer })).then([emitted('LocalOfferResponsePublished', response())]);
    });

    it('one response may answer several comments ("you said, we did")', () => {
      const both = response({ commentIds: [ids.comment, ids.phoneComment] });
      const offer = given(listed, commented, phoned, recorded('LocalOfferResponsePublished', both, { on: '2025-02-03', by: laOfficer })).state;
      expect(offer.comments[ids.comment]!.answered).toEqual({ responseId: ids.response, on: '2025-02-03T09:00:00.000Z' });
      expect(offer.comments[ids.phoneComment]!.answered?.responseId).toBe(ids.response);
    });

    it.each([['parent', parent], ['inspector', inspector], ['officer of another LA', otherLaOfficer]])('a %s may not publish a response', (_name, by) => {
      given(listed, commented).when(command('LocalOfferResponsePublished', response(), { on: '2025-02-03', by })).thenThrows(NotPermitted);
    });

    it('must answer comments that were received', () => {
      given(listed, commented)
        .when(command('LocalOfferResponsePublished', response({ commentIds: [ids.comment, ids.unknown] }), { on: '2025-02-03', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-comment', field: 'commentIds.1' });
    });

    it('must not answer a comment already answered', () => {
      const again = response({ responseId: ids.unknown });
      const error = given(listed, commented, answered).when(command('LocalOfferResponsePublished', again, { on: '2025-03-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'comment-already-answered', field: 'commentIds.0' });
      expect(error.message).toContain('2025-02-03');
    });

    it('refuses a response id already used', () => {
      given(listed, commented, phoned, answered)
        .when(command('LocalOfferResponsePublished', response({ commentIds: [ids.phoneComment] }), { on: '2025-03-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'responseId' });
    });

    it('cannot precede the comment it answers', () => {
      given(listed, commented).when(command('LocalOfferResponsePublished', response(), { on: '2024-09-30', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'response-before-comment', field: 'occurredAt' });
    });

    it('the schema needs at least one comment, each named once', () => {
      const schema = LOCAL_OFFER_EVENT_SCHEMAS.LocalOfferResponsePublished;
      expect(schema.safeParse(response({ commentIds: [] })).error?.issues[0]?.message).toBe('must answer at least one comment');
      expect(schema.safeParse(response({ commentIds: [ids.comment, ids.comment] })).error?.issues[0]?.message).toBe('must not name a comment twice');
    });
  });
});
