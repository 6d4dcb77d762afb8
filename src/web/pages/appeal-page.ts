import type { FastifyInstance } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';

// SCAFFOLD (issue 19)
export function registerAppealPages(_app: FastifyInstance, _services: LedgerServices): void {}
