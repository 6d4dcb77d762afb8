/** GraphQL queries to paste into GraphiQL after loading the demo (the CLI prints them; a test runs them). */
export interface ExampleQuery {
  title: string;
  query: string;
}

export function exampleQueries(childId: string): ExampleQuery[] {
  return [
    {
      title: "The child's record now (add asOf: \"2023-03-01T00:00:00Z\" to see it as it was known then)",
      query: `{
  child(id: "${childId}") {
    displayName settingName
    needs { area rank description }
    plans {
      status finalIssued { on } namedSetting { name urn }
      reviews { on decision } amendments { on reason }
    }
    provisions {
      section status terms { description frequency { sessions per } minutesPerSession groupSize }
      authority { name role reference } sessionsDelivered minutesDelivered
    }
    phaseTransfers { transfer settingName startsOn }
    signOffs { subject section signatory { name role } on }
  }
}`,
    },
    {
      title: 'The audit trail: who recorded what, when it happened and when it was recorded (late entries flagged)',
      query: `{
  auditTrail(childId: "${childId}") {
    lateThresholdDays headHash
    entries {
      streamRevision type summary actor { displayName role }
      occurredAt recordedAt late recordedLateByDays
      supersedes supersededBy correctionReason
    }
  }
}`,
    },
    {
      title: 'The promise register: each provision line, on whose authority, every version, and delivery so far',
      query: `{
  promises(filter: { childId: "${childId}" }) {
    section status terms { description deliveredBy { organisation role qualification } }
    promisedBy { displayName role } promisedAt authority { name role reference }
    history { kind occurredAt reason authority { name reference } }
    delivery { sessionsDelivered sessionsExpectedSoFar lastDeliveredOn shortfalls { periodFrom periodTo sessionsMissed reason } }
  }
}`,
    },
  ];
}
