import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { identityFromPeer, type Identity, type PeerIdentity, type TrustStore } from '../../src/core/pki';

export interface HandshakeResult {
  protocol: string | null;
  /** Server side: did the client certificate verify against root + CRLs? */
  authorized: boolean;
  authorizationError: string | null;
  identity: PeerIdentity | null;
  /** Client side: did the server certificate verify, and its raw DER. */
  serverAuthorized: boolean;
  serverRaw: Buffer;
}

/**
 * One real TLS 1.3 handshake on 127.0.0.1: a server that requests a client certificate but
 * decides afterwards (rejectUnauthorized false) so the test can read why it was refused.
 * The client sends its certificate with its intermediate, trusting only the root.
 */
export async function handshake(server: Identity, trust: TrustStore, client: Identity, clientChain = client.chainPem.slice(0, 2)): Promise<HandshakeResult> {
  const srv = tls.createServer({
    minVersion: 'TLSv1.3',
    requestCert: true,
    rejectUnauthorized: false,
    ca: trust.ca,
    crl: trust.crl,
    key: server.keyPem,
    cert: server.chainPem.slice(0, 2).join(''),
  });
  const sockets: tls.TLSSocket[] = [];
  try {
    const accepted = new Promise<tls.TLSSocket>((resolve, reject) => {
      srv.once('secureConnection', resolve);
      srv.once('tlsClientError', reject);
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const { port } = srv.address() as AddressInfo;
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', minVersion: 'TLSv1.3', ca: trust.ca, key: client.keyPem, cert: clientChain.join('') });
    sockets.push(socket);
    const connected = new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    const serverSide = await accepted;
    sockets.push(serverSide);
    await connected;
    const authError = serverSide.authorizationError as unknown;
    return {
      protocol: serverSide.getProtocol(),
      authorized: serverSide.authorized,
      authorizationError: authError === null || authError === undefined ? null : String(authError),
      identity: identityFromPeer(serverSide.getPeerCertificate()),
      serverAuthorized: socket.authorized,
      serverRaw: socket.getPeerCertificate().raw,
    };
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  }
}
