package dev.hybridpane.lab.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS listener in front of a lab API server, for kubectl: client-go sends credentials (a token, an exec plugin's
 * token) only over TLS and never over plain HTTP (kubernetes/kubectl#744; client-go's clientcmd sets the user's
 * identification for TLS connections only), and EKS API servers are HTTPS only. It forwards the bytes of each
 * connection to the server's plain HTTP port on loopback; the API server authenticates the request as any other.
 * The certificate is the lab's own, made at first use (an EC key that is never written anywhere), for 127.0.0.1 and
 * localhost; the kubeconfig carries it as certificate-authority-data.
 */
final class LabTlsFront implements AutoCloseable {

    /** The lab's serving certificate: one per lab, shared by its fronts. */
    static final class Certificate {
        private final SSLContext context;
        private final String pemBase64;

        private Certificate(SSLContext context, String pemBase64) {
            this.context = context;
            this.pemBase64 = pemBase64;
        }

        /** The certificate as base64 of its PEM, as a kubeconfig's certificate-authority-data and EKS return it. */
        String pemBase64() {
            return pemBase64;
        }

        static Certificate generate() {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
                KeyPair kp = g.generateKeyPair();
                X500Name name = new X500Name("CN=kubernetes,O=HybridPane lab");
                Instant now = Instant.now();
                JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                        new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(now.plus(Duration.ofDays(365))), name, kp.getPublic());
                // self-signed: the trust anchor kubectl is given is the serving certificate itself
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
                X509Certificate cert = new JcaX509CertificateConverter()
                        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                char[] pass = new char[0];
                ks.setKeyEntry("lab", kp.getPrivate(), pass, new X509Certificate[] {cert});
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pass);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
                String pem = "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                        + "\n-----END CERTIFICATE-----\n";
                return new Certificate(ctx, Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
            } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
                throw new IllegalStateException("the lab could not make its TLS certificate: " + e.getMessage(), e);
            }
        }
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ServerSocket server;
    private final int target;
    private volatile boolean closed;

    /** Listens on a free loopback port and forwards to {@code targetPort} on loopback. */
    LabTlsFront(Certificate certificate, int targetPort) {
        this.target = targetPort;
        try {
            SSLServerSocket s = (SSLServerSocket) certificate.context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("the lab could not open a TLS port for kubectl", e);
        }
        daemon(this::acceptLoop, "lab-tls-accept").start();
    }

    int port() {
        return server.getLocalPort();
    }

    String url() {
        return "https://127.0.0.1:" + port();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
            daemon(() -> connect(client), "lab-tls-conn").start();
        }
    }

    private void connect(Socket client) {
        Socket upstream;
        try {
            upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        daemon(() -> pump(client, upstream), "lab-tls-in").start();
        pump(upstream, client);
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed, or the handshake failed: nothing to report
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
