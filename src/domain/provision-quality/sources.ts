/**
 * The authorities a specificity flag may cite. Only what the domain reference (SEND-DOMAIN.md, section 2)
 * supports: CoP 9.69, *L v Clarke & Somerset* and *East Sussex v TW*. Where a check rests on the
 * reference's "what, who (+qualification), how often, how long, group size" test rather than on a named
 * case, it cites CoP 9.69, the paragraph that test comes from.
 *
 * *Worcestershire CC v SE* (2020) is deliberately not cited by any flag: it allows bounded flexibility,
 * so it explains what is *not* flagged (a range with a floor, such as "at least 2 sessions"), not what is.
 */
export const SOURCES = {
  /** Provision "must be detailed and specific and should normally be quantified" (type, hours, frequency, expertise). */
  codeOfPractice969: 'SEND Code of Practice 9.69',
  /** Section F must leave "no room for doubt" about what is to be provided. */
  lVClarke: 'L v Clarke and Somerset CC (1998)',
  /** "Opportunities" for provision are unlikely to be lawful. */
  eastSussexVTW: 'East Sussex CC v TW [2016] UKUT 528 (AAC)',
} as const;

/** Two authorities cited together, in the order given. */
export const citing = (...sources: string[]) => sources.join('; ');
