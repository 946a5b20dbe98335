import forge from 'node-forge';

/** node-forge is CommonJS; one default import here keeps every other module's imports uniform. */
export { forge };
export type ForgeCert = forge.pki.Certificate;
export type ForgeKey = forge.pki.rsa.PrivateKey;
