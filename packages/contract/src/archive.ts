import Type, { type Static } from 'typebox'
import { FileBody, IsoDate, NoContent, Uuid } from './common'
import { endpoints } from './endpoint'

/**
 * The archive package (issue 13 item 6; rules.md §3.3): the records of clients whose registers are ordered permanent
 * (the 8/18/28 birthday sample, an archive order) and whose matters are closed, exported for the archive as PDF/A
 * documents — one per register and document type — with a metadata file naming each document's service task,
 * document type, dates, client and checksum. A package is made by the archive officer, kept, and downloaded as a zip.
 */

export const ArchiveReason = Type.Union([Type.Literal('sample'), Type.Literal('archive_order')])

/** A client's register ready for the archive: permanent, its matters closed, not in a package since they closed. */
export const ArchiveCandidate = Type.Object({
  personId: Uuid,
  name: Type.String(),
  /** the henkilötunnus, or the temporary id */
  identity: Type.Union([Type.String(), Type.Null()]),
  /** `client` (the basic data) or a service task */
  register: Type.String(),
  reason: ArchiveReason,
  /** the day the register's last matter closed */
  closedOn: IsoDate,
})
export type ArchiveCandidate = Static<typeof ArchiveCandidate>

export const ArchiveCandidates = Type.Object({
  candidates: Type.Array(ArchiveCandidate),
  /** how many there are in all (the list shows the first 500) */
  total: Type.Integer(),
})
export type ArchiveCandidates = Static<typeof ArchiveCandidates>

export const ArchiveCandidatesQuery = Type.Object(
  { register: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })) },
  { additionalProperties: false },
)

export const ArchivePackageInput = Type.Object(
  {
    /** only this register (`client` or a service task); absent: every register ready */
    register: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })),
    /** only these clients; absent: the first ones ready, up to the package's limit */
    personIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 200 })),
  },
  { additionalProperties: false },
)
export type ArchivePackageInput = Static<typeof ArchivePackageInput>

export const ArchivePackageSummary = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  register: Type.Union([Type.String(), Type.Null()]),
  clients: Type.Integer(),
  documents: Type.Integer(),
  bytes: Type.Integer(),
  /** SHA-256 of the zip, hex */
  sha256: Type.String(),
  format: Type.Literal('PDF/A-1b'),
})
export type ArchivePackageSummary = Static<typeof ArchivePackageSummary>

export const ArchivePackages = Type.Object({ packages: Type.Array(ArchivePackageSummary) })
export type ArchivePackages = Static<typeof ArchivePackages>

export const ArchivePackageParams = Type.Object({ packageId: Uuid })

export const archiveEndpoints = endpoints({
  'archive.candidates': {
    method: 'GET',
    path: '/api/archive/candidates',
    action: 'archive:candidates',
    summary: 'The clients\' registers ready for the archive: ordered permanent, matters closed, not yet in a package',
    query: ArchiveCandidatesQuery,
    response: { 200: ArchiveCandidates },
  },
  'archive.packages': {
    method: 'GET',
    path: '/api/archive/packages',
    action: 'archive:packages',
    summary: 'The archive packages made, newest first (counts and checksums, no client data)',
    response: { 200: ArchivePackages },
  },
  'archive.create': {
    method: 'POST',
    path: '/api/archive/packages',
    action: 'archive:package',
    summary: 'Make an archive package of the registers ready (PDF/A documents and their metadata); 204 when none is ready',
    body: ArchivePackageInput,
    response: { 201: ArchivePackageSummary, 204: NoContent },
  },
  'archive.download': {
    method: 'GET',
    path: '/api/archive/packages/:packageId/zip',
    action: 'archive:download',
    summary: 'The archive package as a zip: metadata.xml and the PDF/A documents per client and register',
    params: ArchivePackageParams,
    response: { 200: FileBody },
    produces: 'application/zip',
  },
})
