import { childAccessIndex } from '../../projections/child-access-index.js';
import { childDirectory } from '../../projections/child-directory.js';
import { localOfferRegister } from '../../projections/local-offer-register.js';
import { promiseRegister } from '../../projections/promise-register.js';
import type { DocumentProjection } from './read-model-store.js';

/** Every stored read model the service keeps up to date. */
export const PROJECTIONS: readonly DocumentProjection[] = [promiseRegister, childDirectory, localOfferRegister, childAccessIndex];
