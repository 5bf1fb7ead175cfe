package io.cleave.attestation.pki;

import io.cleave.crypto.SigningKeyPair;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM files in an organisation's or provider's own directory. Private keys are unencrypted
 * PKCS#8 ("PRIVATE KEY", the form gRPC/Netty reads for TLS) created owner-read/write only;
 * protect the directory accordingly.
 */
public final class PemFiles {
    private PemFiles() {
    }

    public static void writePrivateKey(Path file, SigningKeyPair key) throws IOException {
        byte[] pem = toPem("PRIVATE KEY", key.exportPkcs8ForOwnerStorage()).getBytes(StandardCharsets.US_ASCII);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(file, pem, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    public static SigningKeyPair readPrivateKey(Path file) throws IOException, PkiException {
        byte[] der = readSingle(file, "PRIVATE KEY");
        try {
            return SigningKeyPair.importPkcs8FromOwnerStorage(der);
        } catch (GeneralSecurityException e) {
            throw new PkiException(file + ": " + e.getMessage());
        }
    }

    public static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
        Files.writeString(file, certificatesToPem(certificates), StandardCharsets.US_ASCII);
    }

    public static List<X509Certificate> readCertificates(Path file) throws IOException, PkiException {
        return certificatesFromPem(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
    }

    /** The certificates as consecutive CERTIFICATE blocks, in order. */
    public static String certificatesToPem(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate certificate : certificates) {
                pem.append(toPem("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        return pem.toString();
    }

    /**
     * Parses one or more CERTIFICATE blocks, e.g. received over HTTP.
     *
     * @param source names the input in error messages (a file name, "request body")
     */
    public static List<X509Certificate> certificatesFromPem(String source, String pem) throws PkiException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new PkiException(source + ": expected only CERTIFICATE blocks");
                }
                certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
        } catch (CertificateException | IOException | RuntimeException e) {
            throw new PkiException(source + ": malformed certificate");
        }
        if (certificates.isEmpty()) {
            throw new PkiException(source + ": no CERTIFICATE block");
        }
        return certificates;
    }

    public static void writeCrl(Path file, X509CRL crl) throws IOException {
        Files.writeString(file, crlToPem(crl), StandardCharsets.US_ASCII);
    }

    public static X509CRL readCrl(Path file) throws IOException, PkiException {
        return crlFromPem(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
    }

    public static String crlToPem(X509CRL crl) {
        try {
            return toPem("X509 CRL", crl.getEncoded());
        } catch (CRLException e) {
            throw new IllegalArgumentException("CRL cannot be encoded", e);
        }
    }

    /** Parses one X509 CRL block; {@code source} names the input in error messages. */
    public static X509CRL crlFromPem(String source, String pem) throws PkiException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (parser.readObject() instanceof X509CRLHolder holder) {
                return new JcaX509CRLConverter().getCRL(holder);
            }
            throw new PkiException(source + ": expected an X509 CRL block");
        } catch (CRLException | IOException | RuntimeException e) {
            throw new PkiException(source + ": malformed CRL");
        }
    }

    static String toPem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to memory failed", e);
        }
        return out.toString();
    }

    private static byte[] readSingle(Path file, String type) throws IOException, PkiException {
        try (PemReader reader = new PemReader(
                new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            PemObject object = reader.readPemObject();
            if (object == null || !object.getType().equals(type)) {
                throw new PkiException(file + ": expected a " + type + " block");
            }
            return object.getContent();
        }
    }
}
