package org.equilibrium.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.equilibrium.testing.TestCertificates;
import org.equilibrium.testing.TestCertificates.Authority;
import org.equilibrium.testing.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files for the broker connection: the usual key formats load, every bad file gets a clear message. */
class PemTlsTest {
    @TempDir
    Path dir;

    private final Authority ca = TestCertificates.authority("pem test CA");

    @Test
    void readsPkcs8Sec1AndPkcs1KeysAsTheSameKeys() throws Exception {
        Issued ec = ca.client("ec-client");
        Issued rsa = ca.client("rsa-client", TestCertificates.rsaKeyPair());

        PrivateKey pkcs8 = PemTls.readPrivateKey(ec.writeKey(dir.resolve("ec.pkcs8.pem")).toString(), "k");
        PrivateKey sec1 = PemTls.readPrivateKey(ec.writeTraditionalKey(dir.resolve("ec.sec1.pem")).toString(), "k");
        PrivateKey pkcs1 = PemTls.readPrivateKey(rsa.writeTraditionalKey(dir.resolve("rsa.pem")).toString(), "k");

        assertThat(Files.readString(dir.resolve("ec.sec1.pem"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("rsa.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(pkcs8.getEncoded()).isEqualTo(ec.key().getEncoded());
        assertThat(sec1.getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPrivateKey) sec1).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) ec.key()).getS());
        assertThat(pkcs1.getAlgorithm()).isEqualTo("RSA");
        assertThat(((java.security.interfaces.RSAPrivateKey) pkcs1).getPrivateExponent())
                .isEqualTo(((java.security.interfaces.RSAPrivateKey) rsa.key()).getPrivateExponent());
    }

    @Test
    void readsEveryCertificateOfABundleInOrder() throws Exception {
        Authority other = TestCertificates.authority("other CA");
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, "comment lines before a block are allowed\n"
                + Files.readString(ca.writeCertificate(dir.resolve("a.pem")))
                + Files.readString(other.writeCertificate(dir.resolve("b.pem"))));

        assertThat(PemTls.readCertificates(bundle.toString(), "c"))
                .containsExactly(ca.certificate(), other.certificate());
    }

    @Test
    void aMissingFileNamesTheSettingAndThePath() {
        String missing = dir.resolve("nope.pem").toString();
        assertThatThrownBy(() -> PemTls.socketFactory(new MqttTls(missing, null, null, true)))
                .hasMessage("equilibrium.mqtt.tls-ca-file " + missing + ": file not found");
    }

    @Test
    void aDirectoryIsNotAPemFile() {
        assertThatThrownBy(() -> PemTls.readCertificates(dir.toString(), PemTls.CA_SETTING))
                .hasMessageEndingWith(": not a regular file");
    }

    @Test
    void textWithoutPemBlocksIsRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("ca.pem"), "this is a password file, not a certificate\n");
        assertThatThrownBy(() -> PemTls.readCertificates(f.toString(), PemTls.CA_SETTING))
                .hasMessageContaining("not a PEM file");
    }

    @Test
    void garbledBase64InACertificateBlockIsRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("ca.pem"),
                "-----BEGIN CERTIFICATE-----\n%%%% not base64 at all ****\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> PemTls.readCertificates(f.toString(), PemTls.CA_SETTING))
                .hasMessageStartingWith(PemTls.CA_SETTING + " " + f + ": not valid PEM");
    }

    @Test
    void validBase64ThatIsNoCertificateIsRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("ca.pem"),
                "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> PemTls.readCertificates(f.toString(), PemTls.CA_SETTING))
                .hasMessageContaining("certificate 1 is not a valid X.509 certificate");
    }

    @Test
    void aTruncatedPemBlockIsRefused() throws Exception {
        String whole = Files.readString(ca.writeCertificate(dir.resolve("whole.pem")));
        Path f = Files.writeString(dir.resolve("cut.pem"), whole.substring(0, whole.length() / 2));
        assertThatThrownBy(() -> PemTls.readCertificates(f.toString(), PemTls.CA_SETTING))
                .hasMessageStartingWith(PemTls.CA_SETTING + " " + f + ": not valid PEM");
    }

    @Test
    void aCertificateGivenAsTheKeyIsRefused() {
        Path cert = ca.client("c").writeCertificate(dir.resolve("client.pem"));
        assertThatThrownBy(() -> PemTls.readPrivateKey(cert.toString(), PemTls.KEY_SETTING))
                .hasMessageContaining("no PEM private key");
    }

    @Test
    void anEncryptedKeyIsRefusedWithAHint() throws Exception {
        Path f = Files.writeString(dir.resolve("k.pem"), TestCertificatesPem.block("ENCRYPTED PRIVATE KEY",
                new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
        assertThatThrownBy(() -> PemTls.readPrivateKey(f.toString(), PemTls.KEY_SETTING))
                .hasMessageContaining("encrypted, which is not supported");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        Issued a = ca.client("a");
        Issued b = ca.client("b");
        String cert = a.writeCertificate(dir.resolve("a.pem")).toString();
        String key = b.writeKey(dir.resolve("b.key")).toString();
        assertThatThrownBy(() -> PemTls.socketFactory(new MqttTls(null, cert, key, true)))
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void aClientCertificateWithoutItsKeyIsRefused() {
        String cert = ca.client("a").writeCertificate(dir.resolve("a.pem")).toString();
        assertThatThrownBy(() -> PemTls.socketFactory(new MqttTls(null, cert, null, true)))
                .hasMessageContaining("needs both equilibrium.mqtt.tls-cert-file and equilibrium.mqtt.tls-key-file");
    }

    @Test
    void matchingFilesMakeASocketFactory() throws Exception {
        Issued client = ca.client("a");
        MqttTls tls = new MqttTls(ca.writeCertificate(dir.resolve("ca.pem")).toString(),
                client.writeCertificate(dir.resolve("c.pem")).toString(),
                client.writeTraditionalKey(dir.resolve("c.key")).toString(), true);
        assertThat(PemTls.socketFactory(tls)).isNotNull();
    }

    /** PEM text for arbitrary content (what an encrypted key file looks like from outside). */
    private static final class TestCertificatesPem {
        static String block(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + java.util.Base64.getEncoder().encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }
}
