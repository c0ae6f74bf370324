package dev.leadscore.server;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time (nothing checked in): a CA, and leaf certificates it signs,
 * written as PEM files (certificate, PKCS#8 key) that gRPC's TLS credentials read. Public for the
 * client module's tests.
 */
public final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A certificate, its key, and the PEM files they were written to. */
  public record Issued(
      X509Certificate certificate, KeyPair keys, Path certificateFile, Path keyFile) {}

  private TestCertificates() {}

  public static Issued authority(Path directory, String name) throws Exception {
    KeyPair keys = keyPair();
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder builder =
        builder(subject, subject, keys)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return write(directory, name, sign(builder, keys), keys);
  }

  /** A leaf for {@code localhost} and 127.0.0.1, good for both server and client use. */
  public static Issued leaf(Path directory, String name, Issued issuer) throws Exception {
    KeyPair keys = keyPair();
    GeneralNames names =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            });
    X509v3CertificateBuilder builder =
        builder(
                new X500Name(issuer.certificate().getSubjectX500Principal().getName()),
                new X500Name("CN=" + name),
                keys)
            .addExtension(Extension.subjectAlternativeName, false, names)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    return write(directory, name, sign(builder, issuer.keys()), keys);
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static Issued write(
      Path directory, String name, X509Certificate certificate, KeyPair keys)
      throws IOException, GeneralSecurityException {
    Path certificateFile = directory.resolve(name + ".crt");
    Path keyFile = directory.resolve(name + ".key");
    Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
    // The JDK encodes private keys as PKCS#8, the form gRPC's PEM reader expects.
    Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    return new Issued(certificate, keys, certificateFile, keyFile);
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
