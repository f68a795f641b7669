package dev.ccr.script;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK HttpClients scripts' calls go through, one per kind (redirects followed or not, proxy, trusted CAs), built
 * on first use and kept: a client holds a connection pool, so a new one per call would reconnect every time.
 */
final class HostClients {
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private HostClients() {
    }

    /** A client; {@code tls} ({@code {ca: PEM text, insecure: boolean}}) may be null. */
    static HttpClient client(boolean follow, Optional<URI> proxy, JsonNode tls) throws IOException, GeneralSecurityException {
        String ca = tls == null ? "" : tls.path("ca").asText("");
        boolean insecure = tls != null && tls.path("insecure").asBoolean(false);
        String key = follow + "|" + proxy.map(URI::toString).orElse("") + "|" + insecure + "|" + ca;
        HttpClient existing = CLIENTS.get(key);
        if (existing != null) {
            return existing;
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(follow ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30));
        proxy.ifPresent(p -> builder.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), port(p)))));
        if (insecure) {
            builder.sslContext(context(new TrustManager[] {new TrustAll()}));
        } else if (!ca.isEmpty()) {
            builder.sslContext(context(trusting(ca)));
        }
        return CLIENTS.computeIfAbsent(key, k -> builder.build());
    }

    /** The port of {@code uri}, or its scheme's default. */
    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static SSLContext context(TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, new SecureRandom());
        return context;
    }

    /** Trust managers for the PEM certificates in {@code pem} only, as Node's {@code ca} option replaces the defaults. */
    private static TrustManager[] trusting(String pem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            store.setCertificateEntry("ca-" + n++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /**
     * {@code rejectUnauthorized: false}: the script asked to accept any certificate. An extended trust manager, so
     * that the JDK does not wrap it with its own host name check.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
