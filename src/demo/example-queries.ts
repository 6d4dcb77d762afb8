/** GraphQL queries to paste into GraphiQL after loading the demo (the CLI prints them; a test runs them). */
export interface ExampleQuery {
  title: string;
  query: string;
}

/**
 * The recorded time the sample ends at. Figures asked as of now keep counting the sessions owed each day since,
 * while the sample records no delivery after it: ask as of this time to read the record as the sample leaves it.
 */
export const SAMPLE_ENDS = '2025-12-22T00:00:00Z';

export function exampleQueries(childId: string): ExampleQuery[] {
  return [
    {
      title: "The child's record now (add asOf: \"2023-03-01T00:00:00Z\" to see it as it was known then)",
      query: `{
  child(id: "${childId}") {
    displayName settingName onRollSince { on } registeredSetting { name }
    needs { area rank description }
    plans {
      status finalIssued { on } namedSetting { name urn }
      reviews { on decision } amendments { on reason namedSetting { name } }
    }
    provisions {
      section status stopped { on because } terms { description frequency { sessions per } minutesPerSession groupSize }
      authority { name role reference } sessionsDelivered sessionsExpectedSoFar minutesDelivered
    }
    phaseTransfers { transfer settingName startsOn }
    signOffs { subject section signatory { name role } on }
  }
}`,
    },
    {
      title: 'The audit trail: who recorded what, when it happened and when it was recorded (late entries flagged), 100 entries a page (pass pageInfo.endCursor as entries(after: ...) for the next)',
      query: `{
  auditTrail(childId: "${childId}") {
    lateThresholdDays headHash
    entries {
      totalCount pageInfo { hasNextPage endCursor }
      nodes {
        streamRevision type summary actor { displayName role }
        occurredAt recordedAt late recordedLateByDays
        supersedes supersededBy correctionReason
      }
    }
  }
}`,
    },
    {
      title: `The promise register as the sample ends (asOf ${SAMPLE_ENDS}): each provision line, on whose authority, every version, and delivery so far, each setting's part apart`,
      query: `{
  promises(filter: { childId: "${childId}", asOf: "${SAMPLE_ENDS}" }) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes {
      section status stopped { on because } setting { name }
      terms { description deliveredBy { organisation role qualification } }
      promisedBy { displayName role } promisedAt authority { name role reference }
      history { kind occurredAt reason authority { name reference } }
      delivery {
        sessionsDelivered sessionsExpectedSoFar lastDeliveredOn
        settingParts { setting { name } basis from to sessionsExpected sessionsDelivered }
        shortfalls { periodFrom periodTo sessionsMissed reason }
      }
    }
  }
}`,
    },
  ];
}
