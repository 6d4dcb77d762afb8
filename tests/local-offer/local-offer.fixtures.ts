/**
 * Camden's (202) Local Offer, as given-events for the specs:
 *   2024-09-02 SALT service listed · 2024-10-01 parent comment on it (gaps) · 2024-11-04 comment recorded by phone
 */
import type { LocalOfferEventData } from '../../src/domain/local-offer/events.js';
import { laOfficer, parent, recorded } from './local-offer-specification.js';

export const ids = {
  service: 'a0000000-0000-4000-8000-000000000001',
  otherService: 'a0000000-0000-4000-8000-000000000002',
  comment: 'b0000000-0000-4000-8000-000000000001',
  phoneComment: 'b0000000-0000-4000-8000-000000000002',
  response: 'c0000000-0000-4000-8000-000000000001',
  check: 'd0000000-0000-4000-8000-000000000001',
  unknown: 'f0000000-0000-4000-8000-00000000000f',
} as const;

export const serviceTerms = (overrides: Partial<LocalOfferEventData<'LocalOfferServiceListed'>> = {}): LocalOfferEventData<'LocalOfferServiceListed'> => ({
  serviceId: ids.service,
  name: 'Children\'s speech and language therapy',
  provider: 'Camden NHS SALT service',
  description: 'Assessment and therapy for speech, language and communication needs, in clinic and in schools',
  eligibility: 'Children registered with a Camden GP or attending a Camden school',
  ageRange: { from: 0, to: 19 },
  areasOfNeed: ['communication_and_interaction'],
  category: 'health',
  ...overrides,
});

export const comment = (overrides: Partial<LocalOfferEventData<'LocalOfferCommentReceived'>> = {}): LocalOfferEventData<'LocalOfferCommentReceived'> => ({
  commentId: ids.comment,
  about: ids.service,
  topic: 'gaps',
  summary: 'The waiting list for speech therapy is over a year and the Local Offer does not say so',
  channel: 'direct',
  ...overrides,
});

export const check = (overrides: Partial<LocalOfferEventData<'LocalOfferServiceChecked'>> = {}): LocalOfferEventData<'LocalOfferServiceChecked'> => ({
  checkId: ids.check,
  serviceId: ids.service,
  checkedBy: { name: 'Casey Caseworker', role: 'Local Offer officer' },
  finding: 'available_as_described',
  notes: 'Rang the service; referral route and eligibility confirmed',
  ...overrides,
});

export const response = (overrides: Partial<LocalOfferEventData<'LocalOfferResponsePublished'>> = {}): LocalOfferEventData<'LocalOfferResponsePublished'> => ({
  responseId: ids.response,
  commentIds: [ids.comment],
  response: 'You said the waiting time was not published; we now show it on the service page',
  actionsTaken: 'Waiting times added to every health service listing and reviewed monthly',
  ...overrides,
});

export const listed = recorded('LocalOfferServiceListed', serviceTerms(), { on: '2024-09-02', by: laOfficer });
export const commented = recorded('LocalOfferCommentReceived', comment(), { on: '2024-10-01', by: parent });
export const phoned = recorded('LocalOfferCommentReceived', comment({ commentId: ids.phoneComment, channel: 'phone', topic: 'accessibility', about: undefined }), {
  on: '2024-11-04',
  by: laOfficer,
});
