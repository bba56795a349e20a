package org.equilibrium.transport.mqtt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Builds the broker connection's {@link SSLSocketFactory} from PEM files with the JDK's JSSE. BouncyCastle's
 * core jar (already a dependency) only parses PEM and the PKCS#1 / SEC1 key structures, so no bcpkix is needed.
 * Every problem with a file is a {@link TlsSetupException} whose message names the setting, the file and what is
 * wrong with it: it ends up on /health as the connection's last error. The PEM readers are public because the
 * HTTPS start-up check ({@code org.equilibrium.api.HttpsFilesCheck}) uses them too.
 */
public final class PemTls {
    static final String CA_SETTING = "equilibrium.mqtt.tls-ca-file";
    static final String CERT_SETTING = "equilibrium.mqtt.tls-cert-file";
    static final String KEY_SETTING = "equilibrium.mqtt.tls-key-file";
    /** Certificates and keys are a few KB; a larger file is a wrong path, not a PEM to read into memory. */
    private static final long MAX_PEM_BYTES = 1 << 20;
    private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS",
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            new ASN1ObjectIdentifier("1.3.101.112"), "Ed25519", // RFC 8410
            new ASN1ObjectIdentifier("1.3.101.113"), "Ed448");

    private PemTls() {
    }

    /** A TLS file that cannot be used; the message is meant for the operator. */
    public static final class TlsSetupException extends Exception {
        public TlsSetupException(String message) {
            super(message);
        }

        public TlsSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The socket factory for {@code tls}: trusting the CA file's certificates (else the JVM's default trust store)
     * and presenting the client certificate when one is set. Reads the files on every call, so a replaced
     * certificate is used at the next connect.
     */
    static SSLSocketFactory socketFactory(MqttTls tls) throws TlsSetupException {
        TrustManager[] trust = null;
        if (MqttTls.set(tls.caFile())) {
            trust = trustManagers(readCertificates(tls.caFile(), CA_SETTING));
        }
        KeyManager[] keys = null;
        boolean cert = MqttTls.set(tls.certFile());
        boolean key = MqttTls.set(tls.keyFile());
        if (cert != key) {
            throw new TlsSetupException("mutual TLS needs both " + CERT_SETTING + " and " + KEY_SETTING + "; only "
                    + (cert ? CERT_SETTING : KEY_SETTING) + " is set");
        }
        if (cert) {
            List<X509Certificate> chain = readCertificates(tls.certFile(), CERT_SETTING);
            PrivateKey privateKey = readPrivateKey(tls.keyFile(), KEY_SETTING);
            requireMatch(privateKey, tls.keyFile(), KEY_SETTING, chain.get(0), tls.certFile(), CERT_SETTING);
            keys = keyManagers(privateKey, chain);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot create the TLS context: " + e.getMessage(), e);
        }
    }

    /** Every {@code CERTIFICATE} block of the file, in order (a client chain starts with the leaf). */
    public static List<X509Certificate> readCertificates(String file, String setting) throws TlsSetupException {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        for (PemObject o : readPem(file, setting)) {
            if (!"CERTIFICATE".equals(o.getType())) {
                continue;
            }
            try {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(o.getContent())));
            } catch (CertificateException | RuntimeException e) {
                throw new TlsSetupException(where(setting, file) + ": certificate " + (out.size() + 1)
                        + " is not a valid X.509 certificate (" + e.getMessage() + ")", e);
            }
        }
        if (out.isEmpty()) {
            throw new TlsSetupException(where(setting, file) + ": no PEM certificate in it "
                    + "(expected -----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    /** The one private key of the file: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA or SEC1 EC, not encrypted. */
    public static PrivateKey readPrivateKey(String file, String setting) throws TlsSetupException {
        byte[] pkcs8 = null;
        for (PemObject o : readPem(file, setting)) {
            byte[] der = switch (o.getType()) {
                case "PRIVATE KEY" -> o.getContent();
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (!o.getHeaders().isEmpty()) {
                        throw encrypted(setting, file);
                    }
                    yield toPkcs8(o, setting, file);
                }
                case "ENCRYPTED PRIVATE KEY" -> throw encrypted(setting, file);
                default -> null; // EC PARAMETERS, certificates: not the key
            };
            if (der == null) {
                continue;
            }
            if (pkcs8 != null) {
                throw new TlsSetupException(where(setting, file) + ": more than one private key in it");
            }
            pkcs8 = der;
        }
        if (pkcs8 == null) {
            throw new TlsSetupException(where(setting, file) + ": no PEM private key in it "
                    + "(expected -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)");
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
            ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
            String algorithm = KEY_ALGORITHMS.get(oid);
            if (algorithm == null) {
                throw new TlsSetupException(where(setting, file) + ": unsupported key algorithm " + oid);
            }
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException | RuntimeException e) {
            throw new TlsSetupException(where(setting, file) + ": not a valid private key (" + e.getMessage() + ")",
                    e);
        }
    }

    private static byte[] toPkcs8(PemObject o, String setting, String file) throws TlsSetupException {
        try {
            if (o.getType().startsWith("RSA")) {
                return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                        DERNull.INSTANCE), RSAPrivateKey.getInstance(o.getContent())).getEncoded();
            }
            ECPrivateKey ec = ECPrivateKey.getInstance(o.getContent());
            if (ec.getParametersObject() == null) {
                throw new TlsSetupException(where(setting, file) + ": the EC key does not name its curve");
            }
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    ec.getParametersObject()), ec).getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new TlsSetupException(where(setting, file) + ": not a valid " + o.getType() + " ("
                    + e.getMessage() + ")", e);
        }
    }

    private static List<PemObject> readPem(String file, String setting) throws TlsSetupException {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            throw new TlsSetupException(where(setting, file) + ": file not found");
        }
        if (!Files.isRegularFile(path)) {
            throw new TlsSetupException(where(setting, file) + ": not a regular file");
        }
        String text;
        try {
            if (Files.size(path) > MAX_PEM_BYTES) {
                throw new TlsSetupException(where(setting, file) + ": larger than 1 MiB, not a PEM file");
            }
            // ISO-8859-1 never fails to decode; anything outside ASCII then simply is not PEM.
            text = Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsSetupException(where(setting, file) + ": cannot be read (" + e + ")", e);
        }
        List<PemObject> out = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject o = reader.readPemObject(); o != null; o = reader.readPemObject()) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsSetupException(where(setting, file) + ": not valid PEM (" + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) {
            throw new TlsSetupException(where(setting, file) + ": not a PEM file (no -----BEGIN ...----- block)");
        }
        return out;
    }

    private static TrustManager[] trustManagers(List<X509Certificate> cas) throws TlsSetupException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            return f.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("cannot build the trust store from " + CA_SETTING + ": " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain) throws TlsSetupException {
        // The in-memory store needs some password; it never leaves this method.
        char[] password = new char[0];
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(store, password);
            return f.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("cannot use the client certificate and key: " + e.getMessage(), e);
        }
    }

    /** A key that does not belong to the certificate would only fail later, in the handshake, less clearly. */
    public static void requireMatch(PrivateKey key, String keyFile, String keySetting, X509Certificate cert,
                                    String certFile, String certSetting) throws TlsSetupException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null; // e.g. RSASSA-PSS needs parameters; the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        boolean ok;
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            ok = v.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new TlsSetupException("the private key in " + keyFile + " (" + keySetting
                    + ") does not belong to the certificate in " + certFile + " (" + certSetting + ")");
        }
    }

    private static TlsSetupException encrypted(String setting, String file) {
        return new TlsSetupException(where(setting, file) + ": the private key is encrypted, which is not supported; "
                + "store it unencrypted, readable only by the service (openssl pkey -in KEY -out PLAIN)");
    }

    private static String where(String setting, String file) {
        return setting + " " + file;
    }
}
