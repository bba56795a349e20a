package org.equilibrium.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Self-signed certificate authorities and the certificates they issue, made at test time with the JDK and
 * BouncyCastle's core jar (no network, no openssl): ECDSA P-256 keys, SHA-256 signatures, valid for a day.
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    private TestCertificates() {
    }

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
        /** Writes the certificate as PEM ({@code CERTIFICATE}). */
        public Path writeCertificate(Path file) {
            try {
                return write(file, pem("CERTIFICATE", certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes the key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). */
        public Path writeKey(Path file) {
            return write(file, pem("PRIVATE KEY", key.getEncoded()));
        }

        /** Writes the key in its algorithm's traditional form: SEC1 {@code EC PRIVATE KEY} or PKCS#1 RSA. */
        public Path writeTraditionalKey(Path file) {
            try {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
                ASN1Object structure = info.parsePrivateKey().toASN1Primitive();
                if (key.getAlgorithm().equals("EC")) {
                    // SEC1 as openssl writes it: the curve inside the structure (PKCS#8 keeps it outside).
                    ECPrivateKey ec = ECPrivateKey.getInstance(structure);
                    structure = new ECPrivateKey(256, ec.getKey(), info.getPrivateKeyAlgorithm().getParameters());
                }
                byte[] inner = structure.getEncoded(ASN1Encoding.DER);
                return write(file, pem(key.getAlgorithm() + " PRIVATE KEY", inner));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A certificate authority that signs server and client certificates. */
    public static final class Authority {
        private final Issued self;
        private final String name;

        private Authority(String name, Issued self) {
            this.name = name;
            this.self = self;
        }

        public X509Certificate certificate() {
            return self.certificate();
        }

        public Path writeCertificate(Path file) {
            return self.writeCertificate(file);
        }

        /** A TLS client context that trusts this authority only. */
        public SSLContext clientContext() {
            try {
                java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setCertificateEntry("ca", certificate());
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init(store);
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(null, f.getTrustManagers(), null);
                return c;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A server certificate for the given DNS names and IP addresses (subject alternative names). */
        public Issued server(String commonName, List<String> dnsNames, List<String> ipAddresses) {
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
            ipAddresses.forEach(i -> names.add(new GeneralName(GeneralName.iPAddress, i)));
            return issue(commonName, ecKeyPair(), KeyPurposeId.id_kp_serverAuth, names);
        }

        /** A client certificate (mutual TLS). */
        public Issued client(String commonName) {
            return issue(commonName, ecKeyPair(), KeyPurposeId.id_kp_clientAuth, List.of());
        }

        /** A client certificate for a key pair of the caller's choice (e.g. RSA). */
        public Issued client(String commonName, KeyPair keys) {
            return issue(commonName, keys, KeyPurposeId.id_kp_clientAuth, List.of());
        }

        private Issued issue(String commonName, KeyPair keys, KeyPurposeId purpose, List<GeneralName> altNames) {
            try {
                ExtensionsGenerator ext = new ExtensionsGenerator();
                ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                if (!altNames.isEmpty()) {
                    ext.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(altNames.toArray(new GeneralName[0])));
                }
                ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(keys)));
                ext.addExtension(Extension.authorityKeyIdentifier, false,
                        new AuthorityKeyIdentifier(keyId(self.certificate().getPublicKey().getEncoded())));
                X509Certificate cert = sign(name, commonName, keys.getPublic().getEncoded(), ext, self.key());
                return new Issued(cert, keys.getPrivate());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A new self-signed CA named {@code commonName}. */
    public static Authority authority(String commonName) {
        try {
            KeyPair keys = ecKeyPair();
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(keys)));
            X509Certificate cert = sign(commonName, commonName, keys.getPublic().getEncoded(), ext, keys.getPrivate());
            return new Authority(commonName, new Issued(cert, keys.getPrivate()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(String issuer, String subject, byte[] publicKey, ExtensionsGenerator ext,
                                        PrivateKey issuerKey) throws IOException, GeneralSecurityException {
        long now = System.currentTimeMillis();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)));
        tbs.setIssuer(new X500Name("CN=" + issuer));
        tbs.setSubject(new X500Name("CN=" + subject));
        tbs.setStartDate(new Time(new Date(now - 3_600_000L)));
        tbs.setEndDate(new Time(new Date(now + 86_400_000L)));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(publicKey));
        tbs.setSignature(ECDSA_SHA256);
        tbs.setExtensions(ext.generate());
        TBSCertificate body = tbs.generateTBSCertificate();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(issuerKey);
        s.update(body.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(body);
        v.add(ECDSA_SHA256);
        v.add(new DERBitString(s.sign()));
        byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] keyId(KeyPair keys) throws GeneralSecurityException {
        return keyId(keys.getPublic().getEncoded());
    }

    /** RFC 5280 method 1: SHA-1 of the subject public key bits. */
    private static byte[] keyId(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        byte[] bits = SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo).getPublicKeyData().getBytes();
        return MessageDigest.getInstance("SHA-1").digest(bits);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
