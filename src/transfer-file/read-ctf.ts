import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { BadInput } from '../application/bad-input.js';
import type { SenType } from '../domain/child-record/vocabulary.js';
import type { CtfSenSections, SenProvision } from '../domain/transfer-file/ctf-sen-sections.js';
import { upnProblem } from '../domain/identifiers/upn.js';
import type { CtfHeader } from './ctf-header.js';
import { CTF_SEN_SCHEMA, CTF_SEN_SCHEMA_FILE } from './ctf-sen-schema.js';

export interface ReadCtf {
  header: CtfHeader;
  pupils: CtfSenSections[];
}

type Node = Record<string, unknown>;
const node = (value: unknown): Node => (value && typeof value === 'object' ? (value as Node) : {});
const textOf = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value).trim());
const listOf = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** At most this many bytes: a school's CTF for one pupil is a few kilobytes; a whole-year file is larger, but not this. */
export const CTF_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Read a Common Transfer File: checked against the project's schema first (refused as BAD_INPUT naming the line and
 * the schema's complaint), then each pupil's identity and SEN sections. A UPN whose check letter is wrong is refused
 * too: the schema checks only its shape.
 */
export async function readCtf(xml: string, field = 'ctf'): Promise<ReadCtf> {
  if (xml.trim() === '') throw new BadInput(`${field}: the file is empty`, field, [{ field, message: 'the file is empty' }]);
  if (Buffer.byteLength(xml, 'utf8') > CTF_MAX_BYTES) throw new BadInput(`${field}: the file is larger than 5 MB`, field, [{ field, message: 'the file is larger than 5 MB' }]);
  const result = await validateXML({ xml: [{ fileName: 'ctf.xml', contents: xml }], schema: [{ fileName: CTF_SEN_SCHEMA_FILE, contents: CTF_SEN_SCHEMA }] });
  if (!result.valid) {
    const issues = result.errors.slice(0, 10).map((error) => ({
      field,
      message: `${error.loc?.lineNumber ? `line ${error.loc.lineNumber}: ` : ''}${error.message.replace(/^[^:]*\.xml:\d+: /, '').replace(/^Schemas validity error : /, '').trim()}`,
    }));
    const first = issues[0]?.message ?? 'is not a Common Transfer File this ledger can read';
    throw new BadInput(`${field}: not a valid Common Transfer File (${first})`, field, issues.length > 0 ? issues : [{ field, message: first }]);
  }
  const parsed = node(new XMLParser({ parseTagValue: false, trimValues: true, ignoreDeclaration: true }).parse(xml));
  const root = node(parsed['CTfile']);
  const head = node(root['Header']);
  const source = node(head['SourceSchool']);
  const dest = head['DestSchool'] === undefined ? undefined : node(head['DestSchool']);
  const header: CtfHeader = {
    ctfVersion: textOf(head['CTFversion']) ?? '',
    dateTime: textOf(head['DateTime']) ?? '',
    documentQualifier: textOf(head['DocumentQualifier']) === 'full' ? 'full' : 'partial',
    supplierId: textOf(head['SupplierID']) ?? '',
    source: present({ laCode: textOf(source['LEA']), estab: textOf(source['Estab']), urn: textOf(source['URN']), name: textOf(source['SchoolName']) ?? '', academicYear: textOf(source['AcademicYear']) ?? '' }),
    ...(dest ? { dest: present({ laCode: textOf(dest['LEA']), estab: textOf(dest['Estab']), urn: textOf(dest['URN']) }) } : {}),
  };
  const pupils = listOf(node(root['CTFpupilData'])['Pupil']).map((value, index) => pupilOf(node(value), `${field}.Pupil[${index + 1}]`));
  return { header, pupils };
}

function present<T extends object>(entries: T): T {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as T;
}

function pupilOf(pupil: Node, path: string): CtfSenSections {
  const upn = textOf(pupil['UPN']);
  const problem = upn ? upnProblem(upn) : null;
  if (problem) throw new BadInput(`${path}.UPN: ${problem}`, `${path}.UPN`, [{ field: `${path}.UPN`, message: problem }]);
  const history = node(pupil['SENhistory']);
  const needs = listOf(node(history['SENneeds'])['SENneed']).map((need) => ({ rank: Number(textOf(node(need)['SENtypeRank'])), type: textOf(node(need)['SENtype']) as SenType }));
  // The schema checks each need; two needs of one rank, or one type ranked twice, cannot both be true.
  const refuse = (what: string, message: string) => {
    throw new BadInput(`${path}.SENneeds: ${message}`, `${path}.SENneeds`, [{ field: `${path}.SENneeds`, message: `${what}: ${message}` }]);
  };
  for (const [i, need] of needs.entries()) {
    if (needs.findIndex((n) => n.rank === need.rank) !== i) refuse(`SENtypeRank ${need.rank}`, `two needs are ranked ${need.rank}`);
    if (needs.findIndex((n) => n.type === need.type) !== i) refuse(`SENtype ${need.type}`, `${need.type} is ranked twice`);
  }
  return {
    pupil: present({ upn, surname: textOf(pupil['Surname']), forename: textOf(pupil['Forename']), dateOfBirth: textOf(pupil['DOB'])! }),
    // Oldest first, as the ledger's history runs, whatever order the sending system wrote them in.
    history: listOf(history['SEN'])
      .map((sen) => ({ startDate: textOf(node(sen)['StartDate'])!, provision: textOf(node(sen)['SENprovision']) as SenProvision }))
      .sort((a, b) => a.startDate.localeCompare(b.startDate)),
    needs: needs.sort((a, b) => a.rank - b.rank),
  };
}
