/**
 * LA 202's Local Offer (CFA 2014 s.30; SEND Regs 2014 regs 53-56): the services it says are available,
 * checks that they are, and comments with the LA's published responses. One comment is left
 * unanswered for over a year, so the accountability report shows reg 56 not met.
 */
import { ChildScript } from './child-script.js';
import { cast, localOfferServiceIds, services } from './cast.js';

const la = cast.caseworker;

export function localOffer202(): ChildScript {
  const offer = new ChildScript('local-offer-202', 'Local Offer of LA 202');
  const list = (step: string, serviceId: string, name: string, provider: string, description: string, area: 'communication_and_interaction' | 'cognition_and_learning' | 'sensory_and_physical', category: 'health' | 'education') =>
    offer.addToLocalOffer(step, '2022-01-10', la, 'LocalOfferServiceListed', {
      serviceId, name, provider, description, eligibility: 'Children and young people living in Camden, by referral', ageRange: { from: 0, to: 19 }, areasOfNeed: [area], category,
    }, { at: step.length % 2 === 0 ? '10:00' : '10:30' });

  list('list-salt', localOfferServiceIds.salt, services.salt, 'Whittington Health NHS Trust', 'Assessment and therapy for speech, language and communication needs', 'communication_and_interaction', 'health');
  offer.addToLocalOffer('list-ep', '2022-01-11', la, 'LocalOfferServiceListed', {
    serviceId: localOfferServiceIds.educationalPsychology, name: services.educationalPsychology, provider: 'London Borough of Camden',
    description: 'Consultation, assessment and statutory advice from educational psychologists', eligibility: 'Through schools and settings',
    ageRange: { from: 0, to: 25 }, areasOfNeed: ['cognition_and_learning', 'social_emotional_and_mental_health'], category: 'education',
  });
  offer.addToLocalOffer('list-specialist-teaching', '2022-01-12', la, 'LocalOfferServiceListed', {
    serviceId: localOfferServiceIds.specialistTeaching, name: services.specialistTeaching, provider: 'London Borough of Camden',
    description: 'Specialist teachers for specific learning difficulties (dyslexia)', eligibility: 'Pupils at Camden schools with SpLD',
    ageRange: { from: 5, to: 16 }, areasOfNeed: ['cognition_and_learning'], category: 'education',
  });
  offer.addToLocalOffer('list-sensory-circuits', '2022-01-13', la, 'LocalOfferServiceListed', {
    serviceId: localOfferServiceIds.sensoryCircuits, name: 'Camden Sensory Circuits Groups', provider: 'Camden Integrated Children\'s Therapies',
    description: 'Morning sensory circuit groups run in primary schools', eligibility: 'Primary pupils with sensory processing needs',
    ageRange: { from: 4, to: 11 }, areasOfNeed: ['sensory_and_physical'], category: 'health',
  });
  offer.addToLocalOffer('check-salt-2023', '2023-02-02', la, 'LocalOfferServiceChecked', {
    checkId: offer.id('check-salt-2023'), serviceId: localOfferServiceIds.salt, checkedBy: { name: la.displayName, role: 'SEN caseworker' },
    finding: 'available_with_changes', notes: 'Running, but new referrals wait about 30 weeks for a first appointment.',
  });
  offer.addToLocalOffer('comment-salt-wait', '2023-03-14', cast.parentA, 'LocalOfferCommentReceived', {
    commentId: offer.id('comment-salt-wait'), about: localOfferServiceIds.salt, topic: 'quality',
    summary: 'The Local Offer says therapy is available, but the wait for a first appointment was over seven months.', channel: 'direct',
  });
  offer.addToLocalOffer('comment-accessibility', '2023-05-10', la, 'LocalOfferCommentReceived', {
    commentId: offer.id('comment-accessibility'), topic: 'accessibility',
    summary: 'The Local Offer website does not work well with a screen reader.', channel: 'parent_carer_forum',
  });
  offer.addToLocalOffer('response-2023', '2023-09-20', la, 'LocalOfferResponsePublished', {
    responseId: offer.id('response-2023'), commentIds: [offer.id('comment-salt-wait')],
    response: 'You said waits for speech and language therapy were too long; we have funded two more therapists from September 2023.',
    actionsTaken: 'Waiting times now published on the service page each month.',
  });
  offer.addToLocalOffer('check-specialist-teaching-2025', '2025-01-15', la, 'LocalOfferServiceChecked', {
    checkId: offer.id('check-specialist-teaching-2025'), serviceId: localOfferServiceIds.specialistTeaching, checkedBy: { name: la.displayName, role: 'SEN caseworker' },
    finding: 'available_as_described', notes: 'Caseload and timetable seen; all referrals allocated within six weeks.',
  });
  return offer;
}
