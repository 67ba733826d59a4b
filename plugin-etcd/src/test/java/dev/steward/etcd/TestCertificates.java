package dev.steward.etcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and certificates it signs, made with {@code openssl} for one test: a server
 * certificate for 127.0.0.1 and a client certificate, each with a PKCS#8 key.
 */
record TestCertificates(Path ca, Path serverCertificate, Path serverKey, Path clientCertificate, Path clientKey) {
    static TestCertificates create(Path directory) {
        try {
            Files.createDirectories(directory);
            Path ca = directory.resolve("ca.pem");
            Path caKey = directory.resolve("ca.key");
            openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out",
                    ca.toString(), "-days", "1", "-subj", "/CN=steward-test-ca");
            Path serverCertificate = sign(directory, "server", "/CN=127.0.0.1",
                    "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n", ca, caKey);
            Path clientCertificate = sign(directory, "client", "/CN=steward",
                    "extendedKeyUsage=clientAuth\n", ca, caKey);
            return new TestCertificates(ca, serverCertificate, directory.resolve("server.key"), clientCertificate,
                    directory.resolve("client.key"));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static Path sign(Path directory, String name, String subject, String extensions, Path ca, Path caKey)
            throws IOException {
        Path key = directory.resolve(name + ".key");
        Path request = directory.resolve(name + ".csr");
        Path certificate = directory.resolve(name + ".pem");
        Path extensionFile = Files.writeString(directory.resolve(name + ".ext"), extensions);
        openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", request.toString(),
                "-subj", subject);
        openssl(directory, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", certificate.toString(), "-days", "1", "-extfile", extensionFile.toString());
        return certificate;
    }

    private static void openssl(Path directory, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Path log = directory.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while openssl runs", interrupted);
        }
    }
}
