package org.equilibrium.transport.mqtt;

/**
 * TLS settings of the broker connection (used when the URL is {@code ssl://}); all files are PEM.
 *
 * @param caFile           certificates to trust for the broker (one or more, e.g. the private CA); null: the
 *                         JVM's default trust store (public CAs)
 * @param certFile         client certificate (chain, leaf first) for mutual TLS; null: no client certificate
 * @param keyFile          the client certificate's private key (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted)
 * @param verifyHostname   check that the broker's certificate names the host of the URL (on by default; turning
 *                         it off lets anyone with a certificate from the trusted CA pose as the broker)
 */
public record MqttTls(String caFile, String certFile, String keyFile, boolean verifyHostname) {

    /** No files: TLS, when the URL asks for it, with the JVM's trust store and hostname verification. */
    public static MqttTls defaults() {
        return new MqttTls(null, null, null, true);
    }

    /** True when any TLS file is set (they then require an {@code ssl://} URL). */
    public boolean anyFileSet() {
        return set(caFile) || set(certFile) || set(keyFile);
    }

    static boolean set(String s) {
        return s != null && !s.isBlank();
    }
}
