import { NotPermitted, RuleViolation } from '../../errors.js';
import { LOCAL_AUTHORITY_ROLES, SETTING_ROLES, type Role } from '../../roles.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord } from '../state.js';
import { dateOf, requireLocalAuthority, requireNew, requirePlanIssuer } from './guards.js';

/**
 * Records made under the SEN Code of Practice 2001 and Part 4 of the Education Act 1996, imported so that a
 * child's trail runs on across the 2014 reform: statements, School Action / Action Plus, and the transfer
 * review that turned a statement into an EHC plan.
 */

/** Part 3 of CFA 2014 came into force on 1 September 2014: from then no new statements (SI 2014/889; transitional provisions SI 2014/2270). */
export const REFORM_DATE = '2014-09-01';
/**
 * The transitional period for transferring statements to EHC plans ended on 1 April 2018 (SI 2014/2270 as
 * amended): a transfer is dated from 1 September 2014 and before 1 April 2018.
 */
export const TRANSFERS_END = '2018-04-01';
/**
 * School Action and School Action Plus were replaced by SEN support from 1 September 2014; DfE's transitional
 * advice was to move pupils onto SEN support by the end of the spring term 2015. Stages dated from 1 April 2015 are refused.
 */
export const SCHOOL_ACTION_ENDS = '2015-04-01';

const has = (roles: readonly Role[], actor: { role: string }) => roles.includes(actor.role as Role);

function requireNotBeforeBirth(record: ChildRecord, occurredAt: string): void {
  const born = record.profile?.dateOfBirth;
  if (born !== undefined && dateOf(occurredAt) < born) {
    throw new RuleViolation('before-birth', `the entry is dated before the child's date of birth (${born})`, 'occurredAt');
  }
}

/** Education Act 1996 s.324: a statement, made by an LA before the reform; recorded today by the child's LA. */
export function statementMade(command: CommandOf<'StatementMade'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'record a statement of special educational needs');
  requireNew(Boolean(record.statements[command.data.statementId]), 'duplicate-id', 'a statement with this id', 'statementId');
  if (dateOf(command.occurredAt) >= REFORM_DATE) {
    throw new RuleViolation(
      'statement-after-reform',
      `no statement of SEN is made from ${REFORM_DATE}: Part 3 of the Children and Families Act 2014 replaced statements with EHC plans (transitional provisions, SI 2014/2270)`,
      'occurredAt',
    );
  }
  requireNotBeforeBirth(record, command.occurredAt);
}

/** SEN CoP 2001 stages, recorded by the setting or the LA, and only for dates before SEN support replaced them. */
export function schoolActionRecorded(command: CommandOf<'SchoolActionRecorded' | 'SchoolActionPlusRecorded'>, record: ChildRecord): void {
  const { actor } = command;
  if (has(LOCAL_AUTHORITY_ROLES, actor)) requireLocalAuthority(actor, record, 'record a School Action stage');
  else if (!has(SETTING_ROLES, actor)) throw new NotPermitted(`School Action and School Action Plus are recorded by the setting or the LA (your role is ${actor.role})`);
  if (dateOf(command.occurredAt) >= SCHOOL_ACTION_ENDS) {
    throw new RuleViolation(
      'school-action-after-reform',
      `School Action and School Action Plus (SEN Code of Practice 2001) were replaced by SEN support from ${REFORM_DATE}, with pupils moved by the end of the spring term 2015: record SEN support instead`,
      'occurredAt',
    );
  }
  requireNotBeforeBirth(record, command.occurredAt);
}

/**
 * A transfer review under the CFA 2014 transitional arrangements: the child's LA turns an existing statement,
 * not yet transferred, into a final EHC plan, between 1 September 2014 and 1 April 2018. No request or draft
 * precedes it; the plan is treated as an EHC plan from then on (reviews, amendments, section F).
 */
export function statementTransferredToEhcPlan(command: CommandOf<'StatementTransferredToEhcPlan'>, record: ChildRecord): void {
  const { data } = command;
  requirePlanIssuer(command.actor, record, 'ehc_plan', 'transfer a statement to an EHC plan');
  const statement = record.statements[data.statementId];
  if (!statement) throw new RuleViolation('unknown-statement', `this child has no statement of SEN with id ${data.statementId}`, 'statementId');
  if (statement.transferred) {
    throw new RuleViolation('statement-already-transferred', `the statement was transferred to EHC plan ${statement.transferred.planId} on ${dateOf(statement.transferred.on)}`, 'statementId');
  }
  requireNew(Boolean(record.plans[data.planId]), 'duplicate-id', 'an EHC plan with this id', 'planId');
  const maintained = Object.values(record.plans).find((plan) => plan.status !== 'ceased');
  if (maintained) {
    throw new RuleViolation('plan-already-maintained', `this child already has an EHC plan (${maintained.planId}, ${maintained.status}); a statement is transferred into a child's only plan`, 'statementId');
  }
  const day = dateOf(command.occurredAt);
  if (day < REFORM_DATE || day >= TRANSFERS_END) {
    throw new RuleViolation(
      'transfer-outside-transitional-period',
      `statements were transferred to EHC plans from ${REFORM_DATE} until 1 April 2018 (CFA 2014 transitional provisions, SI 2014/2270 as amended); ${day} is outside that period`,
      'occurredAt',
    );
  }
}
