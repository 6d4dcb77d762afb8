import type { FastifyInstance } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';

// SCAFFOLD (issue 18): a helper fills this module in this session.
export function registerSenSupportPages(_app: FastifyInstance, _services: LedgerServices): void {}
