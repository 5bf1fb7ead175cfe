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
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate certificate : certificates) {
                pem.append(toPem("CERTIFICATE", certificate.getEncoded()));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    public static List<X509Certificate> readCertificates(Path file) throws IOException, PkiException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new PkiException(file + ": expected only CERTIFICATE blocks");
                }
                certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
        } catch (CertificateException e) {
            throw new PkiException(file + ": malformed certificate");
        }
        if (certificates.isEmpty()) {
            throw new PkiException(file + ": no CERTIFICATE block");
        }
        return certificates;
    }

    public static void writeCrl(Path file, X509CRL crl) throws IOException {
        try {
            Files.writeString(file, toPem("X509 CRL", crl.getEncoded()), StandardCharsets.US_ASCII);
        } catch (CRLException e) {
            throw new IllegalArgumentException("CRL cannot be encoded", e);
        }
    }

    public static X509CRL readCrl(Path file) throws IOException, PkiException {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            if (parser.readObject() instanceof X509CRLHolder holder) {
                return new JcaX509CRLConverter().getCRL(holder);
            }
            throw new PkiException(file + ": expected an X509 CRL block");
        } catch (CRLException e) {
            throw new PkiException(file + ": malformed CRL");
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
