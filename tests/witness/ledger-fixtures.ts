import { randomUUID } from 'node:crypto';
import type { ProposedEvent } from '../../src/ledger/envelope.js';
import { ANY, type EventStore } from '../../src/store/port.js';

/** `count` plain entries on one stream, each saying which history it belongs to (so two histories differ). */
export async function appendNotes(store: EventStore, count: number, history: string): Promise<void> {
  for (let i = 0; i < count; i++) await store.append(`notes-${history}`, [note(`${history} ${i + 1}`)], ANY);
}

function note(text: string): ProposedEvent {
  return {
    eventId: randomUUID(),
    type: 'NoteRecorded',
    schemaVersion: 1,
    data: { note: text },
    metadata: {
      actor: { id: 'user-1', displayName: 'Sam Okafor', role: 'la_officer', organisation: '202' },
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}
