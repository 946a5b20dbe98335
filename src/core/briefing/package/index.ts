/** Briefing packages: a signed, optionally encrypted, expiring replica subset for an air-gapped workstation. */
export { packBriefing, type PackOptions, type PackResult } from './pack';
export { openPackage, verifyPackage, type OpenResult, type VerifiedPackage, type VerifyOptions } from './open';
export { PACKAGE_SIGNER_ROLES } from './signer';
export type { Manifest } from './manifest';
export type { CertificateRevocation, RevocationReport } from './revocation';
