package dev.ccr.upstream;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Gathered writes reach the provider whole, over plain TCP and over TLS, on new and reused connections. */
class NoDelaySocketsTest {
    private static final String BODY = "{\"messages\":\"" + "a long conversation, ".repeat(15_000) + "\"}";

    @Test
    void aLargeBodyArrivesWholeOverPlainTcp() throws Exception {
        try (MockWebServer upstream = new MockWebServer()) {
            upstream.start(InetAddress.getLoopbackAddress(), 0);
            postTwice(new OkHttpClient.Builder().socketFactory(new NoDelaySockets()).build(), upstream, "http");
        }
    }

    @Test
    void aLargeBodyArrivesWholeOverTls() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
        HandshakeCertificates server = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        HandshakeCertificates client = new HandshakeCertificates.Builder()
                .addTrustedCertificate(certificate.certificate()).build();
        try (MockWebServer upstream = new MockWebServer()) {
            upstream.useHttps(server.sslSocketFactory());
            upstream.start(InetAddress.getLoopbackAddress(), 0);
            postTwice(new OkHttpClient.Builder().socketFactory(new NoDelaySockets())
                    .sslSocketFactory(client.sslSocketFactory(), client.trustManager()).build(), upstream, "https");
        }
    }

    private static void postTwice(OkHttpClient http, MockWebServer upstream, String scheme) throws Exception {
        for (int i = 0; i < 2; i++) {
            upstream.enqueue(new MockResponse.Builder().body("ok " + i).build());
            Request request = new Request.Builder().url(scheme + "://127.0.0.1:" + upstream.getPort() + "/v1/messages")
                    .post(RequestBody.create(BODY.getBytes(StandardCharsets.UTF_8))).build();
            try (Response response = http.newCall(request).execute()) {
                assertThat(response.body().string()).isEqualTo("ok " + i);
            }
            RecordedRequest received = upstream.takeRequest(5, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            assertThat(received.getBody().utf8()).isEqualTo(BODY);
            assertThat(received.getConnectionIndex()).as("the connection is reused").isEqualTo(0);
        }
        http.connectionPool().evictAll();
    }
}
