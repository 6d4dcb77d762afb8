import { XMLBuilder } from 'fast-xml-parser';
import type { CtfSenSections } from '../domain/transfer-file/ctf-sen-sections.js';
import type { CtfHeader } from './ctf-header.js';

const present = <T extends object>(entries: T): Partial<T> =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Partial<T>;

/** One pupil's SEN sections as a Common Transfer File, in the element order ctf-sen-schema.ts sets. */
export function writeCtf(header: CtfHeader, sections: CtfSenSections): string {
  const { pupil } = sections;
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    CTfile: {
      Header: {
        DocumentName: 'Common Transfer File',
        CTFversion: header.ctfVersion,
        DateTime: header.dateTime,
        DocumentQualifier: header.documentQualifier,
        SupplierID: header.supplierId,
        SourceSchool: present({
          LEA: header.source.laCode,
          Estab: header.source.estab,
          URN: header.source.urn,
          SchoolName: header.source.name,
          AcademicYear: header.source.academicYear,
        }),
        ...(header.dest ? { DestSchool: present({ LEA: header.dest.laCode, Estab: header.dest.estab, URN: header.dest.urn }) } : {}),
      },
      CTFpupilData: {
        Pupil: {
          ...present({ UPN: pupil.upn, Surname: pupil.surname, Forename: pupil.forename }),
          DOB: pupil.dateOfBirth,
          SENhistory: {
            SEN: sections.history.map((status) => ({ StartDate: status.startDate, SENprovision: status.provision })),
            ...(sections.needs.length > 0 ? { SENneeds: { SENneed: sections.needs.map((need) => ({ SENtypeRank: need.rank, SENtype: need.type })) } } : {}),
          },
        },
      },
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: '  ', suppressEmptyNode: true }).build(document) as string;
}
