/**
 * The regional server's revocation knowledge for signer certificates: the same CRLs its TLS
 * context loads (and reloads). The logic lives in the PKI, shared with briefing packages.
 */
export { revocationList, type RevocationList, type RevocationStatus } from '../pki/revocation-list';
