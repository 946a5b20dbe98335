/**
 * The INRS certificate PKI: offline national root → one intermediate per region → server and
 * client certificates whose role and scope are subjectAltName URIs. The CA passphrase opens
 * the CA keys only; each issued identity has its own; hosts hold identity + trust folder.
 */
export { PkiError, type PkiErrorCode } from './errors';
export { certInfo, spkiPin, type CertInfo } from './cert-info';
export { identityFromPeer, type PeerIdentity } from './peer';
export { loadIdentity, type Identity } from './p12';
export { loadIdentityFile, type PassphraseReader } from './identity';
export { identityPassphrasePath, readCaPassphrase, readPassphraseFile, type CaUnlock } from './passphrase';
export { trustStore, type TrustStore } from './trust';
export { exportTrust, type ExportTrustOptions, type ExportTrustResult } from './export-trust';
export { rotateCaPassphrase, rotateIdentityPassphrase, type RotateResult } from './rotate';
export { initPki, type InitResult } from './init';
export { issueCertificate, type IssueOptions, type IssueResult } from './issue';
export { CERT_KINDS, DEFAULT_DAYS, type CertKind } from './issue-rules';
export { revokeCertificate, revokeSerial, type RevokeOptions, type RevokeResult } from './revoke';
export { writeCrl, DEFAULT_CRL_DAYS, type CrlResult } from './crl';
export { revocationList, type RevocationList, type RevocationStatus } from './revocation-list';
export { readCrlFiles, type CrlFile } from './crl-files';
export { readCertificateFile } from './read-cert';
export { lookupIssued, REVOCATION_REASONS, type IssuedRecord, type RevocationReason } from './issued-index';
export { NATIONAL_REGION, URN, type Role, type Scope } from './scope';
