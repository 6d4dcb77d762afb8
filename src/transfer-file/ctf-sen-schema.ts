/**
 * The project's own XML Schema for the subset of the Common Transfer File the ledger reads and writes: the header and,
 * for each pupil, the identity needed to match them and the SEN sections. NOT the DfE's schema: the official CTF XSD and
 * specification could not be obtained where this was written (only the npm registry, Debian packages and public
 * GitHub code were reachable). The element names and their nesting (CTfile, Header, CTFpupilData/Pupil, UPN, Surname,
 * Forename, DOB, SENhistory/SEN/StartDate and SENprovision, SENhistory/SENneeds/SENneed) follow public MIS import code
 * that reads DfE CTFs (a Java CTF/ATF importer's element constants; C# and Node CTF writers for the header); SENtypeRank
 * and SENtype, and the N/K/E and SEN type code sets, follow the school census codes. Where the ledger holds no value
 * (Estab, a legal surname, the destination's LA), the element is optional here though the DfE's file may require it.
 */
export const CTF_SEN_SCHEMA_FILE = 'ctf-sen-subset.xsd';

export const CTF_SEN_SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:annotation>
    <xs:documentation>
      SEND Ledger's schema for the SEN sections of a Common Transfer File. Written by the project, not published by the
      Department for Education: the official CTF schema was not available. Element names follow public code that reads
      and writes DfE CTFs; code sets follow the school census (SEN provision N, K, E; SEN types).
    </xs:documentation>
  </xs:annotation>

  <xs:simpleType name="LaCode"><xs:restriction base="xs:string"><xs:pattern value="[0-9]{3}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Estab"><xs:restriction base="xs:string"><xs:pattern value="[0-9]{4}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Urn"><xs:restriction base="xs:string"><xs:pattern value="[0-9]{6,7}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Upn"><xs:restriction base="xs:string"><xs:pattern value="[A-Z][0-9]{11}[0-9A-Z]"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Name"><xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="120"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="SenProvision">
    <xs:annotation><xs:documentation>N no special educational need, K SEN support, E education, health and care plan.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string"><xs:enumeration value="N"/><xs:enumeration value="K"/><xs:enumeration value="E"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="SenType">
    <xs:restriction base="xs:string">
      <xs:enumeration value="SPLD"/><xs:enumeration value="MLD"/><xs:enumeration value="SLD"/><xs:enumeration value="PMLD"/>
      <xs:enumeration value="SEMH"/><xs:enumeration value="SLCN"/><xs:enumeration value="HI"/><xs:enumeration value="VI"/>
      <xs:enumeration value="MSI"/><xs:enumeration value="PD"/><xs:enumeration value="ASD"/><xs:enumeration value="OTH"/>
      <xs:enumeration value="NSA"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:element name="CTfile">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Header">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="DocumentName" type="xs:string" fixed="Common Transfer File"/>
              <xs:element name="CTFversion" type="xs:string"/>
              <xs:element name="DateTime" type="xs:dateTime"/>
              <xs:element name="DocumentQualifier">
                <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="full"/><xs:enumeration value="partial"/></xs:restriction></xs:simpleType>
              </xs:element>
              <xs:element name="SupplierID" type="xs:string"/>
              <xs:element name="SourceSchool">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="LEA" type="LaCode" minOccurs="0"/>
                    <xs:element name="Estab" type="Estab" minOccurs="0"/>
                    <xs:element name="URN" type="Urn" minOccurs="0"/>
                    <xs:element name="SchoolName" type="Name"/>
                    <xs:element name="AcademicYear"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="[0-9]{4}"/></xs:restriction></xs:simpleType></xs:element>
                  </xs:sequence>
                </xs:complexType>
              </xs:element>
              <xs:element name="DestSchool" minOccurs="0">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="LEA" type="LaCode" minOccurs="0"/>
                    <xs:element name="Estab" type="Estab" minOccurs="0"/>
                    <xs:element name="URN" type="Urn" minOccurs="0"/>
                  </xs:sequence>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="CTFpupilData">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="Pupil" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="UPN" type="Upn" minOccurs="0"/>
                    <xs:element name="Surname" type="Name" minOccurs="0"/>
                    <xs:element name="Forename" type="Name" minOccurs="0"/>
                    <xs:element name="DOB" type="xs:date"/>
                    <xs:element name="SENhistory" minOccurs="0">
                      <xs:complexType>
                        <xs:sequence>
                          <xs:element name="SEN" minOccurs="0" maxOccurs="unbounded">
                            <xs:complexType>
                              <xs:sequence>
                                <xs:element name="StartDate" type="xs:date"/>
                                <xs:element name="SENprovision" type="SenProvision"/>
                              </xs:sequence>
                            </xs:complexType>
                          </xs:element>
                          <xs:element name="SENneeds" minOccurs="0">
                            <xs:complexType>
                              <xs:sequence>
                                <xs:element name="SENneed" maxOccurs="unbounded">
                                  <xs:complexType>
                                    <xs:sequence>
                                      <xs:element name="SENtypeRank" type="xs:positiveInteger"/>
                                      <xs:element name="SENtype" type="SenType"/>
                                    </xs:sequence>
                                  </xs:complexType>
                                </xs:element>
                              </xs:sequence>
                            </xs:complexType>
                          </xs:element>
                        </xs:sequence>
                      </xs:complexType>
                    </xs:element>
                  </xs:sequence>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;
