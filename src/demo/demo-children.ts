/**
 * The demo's children, each a deterministic script of entries (see the file for each child).
 * Every entry goes through `recordChildEntry`, so the decider's rules apply exactly as they do
 * to the API: a script that breaks a rule fails to load.
 */
import { childA } from './child-a-full-journey.js';
import { childB } from './child-b-refused-assessment.js';
import { childC } from './child-c-plan-ceased.js';
import { childD } from './child-d-sen-support.js';
import type { ChildScript } from './child-script.js';

export const demoChildren = (): ChildScript[] => [childA(), childB(), childC(), childD()];
