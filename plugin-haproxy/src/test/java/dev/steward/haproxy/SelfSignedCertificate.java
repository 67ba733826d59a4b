package dev.steward.haproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool, written as the PEM file HAProxy
 * reads (certificate, then the PKCS#8 private key), and an SSL context that trusts it.
 */
record SelfSignedCertificate(Path pem, X509Certificate certificate) {
    private static final String PASSWORD = "changeit";

    static SelfSignedCertificate create(Path directory) {
        Path keyStore = directory.resolve("proxy.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("keytool.log").toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool failed: " + Files.readString(directory.resolve("keytool.log")));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            X509Certificate certificate = (X509Certificate) store.getCertificate("proxy");
            PrivateKey key = (PrivateKey) store.getKey("proxy", PASSWORD.toCharArray());
            Path pem = directory.resolve("proxy.pem");
            Files.writeString(pem, pem("CERTIFICATE", certificate.getEncoded()) + pem("PRIVATE KEY", key.getEncoded()));
            return new SelfSignedCertificate(pem, certificate);
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        } catch (GeneralSecurityException problem) {
            throw new IllegalStateException(problem);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** A client context that trusts this certificate and nothing else. */
    SSLContext trustingContext() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("proxy", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException problem) {
            throw new UncheckedIOException(problem);
        } catch (GeneralSecurityException problem) {
            throw new IllegalStateException(problem);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
