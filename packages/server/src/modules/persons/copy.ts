import { type CopyTable } from '../../kernel/client-copy'

const L = (fi: string, sv: string) => ({ fi, sv })

/** The client registry's basic data in the copy of the client's data (GDPR Art. 15). */
export const personsCopy: readonly CopyTable[] = [
  {
    key: 'registry/person',
    title: L('Perustiedot', 'Grunduppgifter'),
    from: 'person',
    personColumn: 'id',
    serviceTask: { fixed: null },
    documentType: 'client_basic_data',
    date: "to_char(created_at AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD')",
    columns: [
      { key: 'hetu', label: L('Henkilötunnus', 'Personbeteckning') },
      { key: 'temporary_id', label: L('Tilapäinen tunniste', 'Tillfällig identifierare') },
      { key: 'first_names', label: L('Etunimet', 'Förnamn') },
      { key: 'last_name', label: L('Sukunimi', 'Efternamn') },
      { key: 'calling_name', label: L('Kutsumanimi', 'Tilltalsnamn') },
      { key: 'birth_date', sql: "to_char(birth_date, 'YYYY-MM-DD')", label: L('Syntymäaika', 'Födelsedatum') },
      { key: 'death_date', sql: "to_char(death_date, 'YYYY-MM-DD')", label: L('Kuolinpäivä', 'Dödsdatum') },
      { key: 'native_language', label: L('Äidinkieli', 'Modersmål') },
      { key: 'service_language', label: L('Asiointikieli', 'Ärendespråk') },
      { key: 'marital_status', label: L('Siviilisääty', 'Civilstånd') },
      { key: 'municipality_code', label: L('Kotikunta', 'Hemkommun') },
      { key: 'turvakielto', label: L('Turvakielto', 'Spärrmarkering') },
      { key: 'phone', label: L('Puhelin', 'Telefon') },
      { key: 'email', label: L('Sähköposti', 'E-post') },
      { key: 'iban', label: L('Tilinumero', 'Kontonummer') },
    ],
    orderBy: 'id',
  },
  {
    key: 'registry/address',
    title: L('Osoitteet', 'Adresser'),
    from: 'person_address',
    serviceTask: { fixed: null },
    documentType: 'client_basic_data',
    date: "to_char(valid_from, 'YYYY-MM-DD')",
    columns: [
      { key: 'kind', label: L('Laji', 'Typ') },
      { key: 'street', label: L('Katuosoite', 'Gatuadress') },
      { key: 'postal_code', label: L('Postinumero', 'Postnummer') },
      { key: 'post_office', label: L('Postitoimipaikka', 'Postanstalt') },
      { key: 'valid_from', sql: "to_char(valid_from, 'YYYY-MM-DD')", label: L('Alkaen', 'Från') },
      { key: 'valid_until', sql: "to_char(valid_until, 'YYYY-MM-DD')", label: L('Päättyen', 'Till') },
    ],
    orderBy: 'valid_from NULLS FIRST, id',
  },
  {
    key: 'registry/relation',
    title: L('Perhesuhteet', 'Familjeförhållanden'),
    from: 'person_relation r JOIN person rp ON rp.id = r.related_id',
    personColumn: 'r.person_id',
    serviceTask: { fixed: null },
    documentType: 'client_basic_data',
    date: "to_char(r.valid_from, 'YYYY-MM-DD')",
    columns: [
      { key: 'kind', sql: 'r.kind', label: L('Suhde', 'Relation') },
      { key: 'related', sql: "rp.first_names || ' ' || rp.last_name", label: L('Henkilö', 'Person') },
      { key: 'valid_from', sql: "to_char(r.valid_from, 'YYYY-MM-DD')", label: L('Alkaen', 'Från') },
      { key: 'valid_until', sql: "to_char(r.valid_until, 'YYYY-MM-DD')", label: L('Päättyen', 'Till') },
    ],
    orderBy: 'r.valid_from NULLS FIRST, r.id',
  },
]
