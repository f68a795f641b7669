package dev.ccr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Google service account made for one test: a fresh RSA key pair, its JSON key file, and a MockWebServer posing as
 * Google's token endpoint, which checks each JWT assertion against the public key and answers
 * {@code tok-1}, {@code tok-2}, ... valid for {@code expiresInSeconds}.
 */
public final class GoogleTestKey implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String CLIENT_EMAIL = "ccr-test@test-project.iam.gserviceaccount.com";
    public static final String PROJECT = "test-project";

    private final KeyPair keys;
    private final MockWebServer tokenEndpoint = Upstreams.mock();
    private final AtomicInteger minted = new AtomicInteger();
    private final List<JsonNode> claims = new CopyOnWriteArrayList<>();
    private volatile long expiresInSeconds = 3600;
    private volatile int refusal;

    public GoogleTestKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        tokenEndpoint.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
    }

    /** Tokens minted from now on expire this many seconds after they are minted. */
    public GoogleTestKey expiringIn(long seconds) {
        expiresInSeconds = seconds;
        return this;
    }

    /** The token endpoint refuses every grant from now on with this status. */
    public GoogleTestKey refusingWith(int status) {
        refusal = status;
        return this;
    }

    public String tokenUri() {
        return Upstreams.url(tokenEndpoint, "/token");
    }

    /** The PEM of the private key, as a service-account key file holds it. */
    public String privateKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** Writes the JSON key file into {@code dir}, with or without a {@code project_id}. */
    public Path writeKeyFile(Path dir, boolean withProject) {
        ObjectNode key = JSON.createObjectNode()
                .put("type", "service_account")
                .put("private_key_id", "kid-1")
                .put("private_key", privateKeyPem())
                .put("client_email", CLIENT_EMAIL)
                .put("client_id", "1234567890")
                .put("token_uri", tokenUri());
        if (withProject) {
            key.put("project_id", PROJECT);
        }
        try {
            Path file = dir.resolve("service-account.json");
            Files.writeString(file, key.toPrettyString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many tokens the endpoint has handed out. */
    public int minted() {
        return minted.get();
    }

    /** The claims of every assertion the endpoint received, each checked against the key's public half. */
    public List<JsonNode> claims() {
        return List.copyOf(claims);
    }

    private MockResponse answer(RecordedRequest request) {
        Map<String, String> form = form(request.getBody() == null ? "" : request.getBody().utf8());
        String assertion = form.getOrDefault("assertion", "");
        String[] jwt = assertion.split("\\.");
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || jwt.length != 3 || !signedByKey(jwt)) {
            return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad assertion\"}");
        }
        try {
            claims.add(JSON.readTree(Base64.getUrlDecoder().decode(jwt[1])));
        } catch (IOException e) {
            return json(400, "{\"error\":\"invalid_grant\"}");
        }
        if (refusal != 0) {
            return json(refusal, "{\"error\":\"invalid_grant\",\"error_description\":\"account disabled: " + assertion + "\"}");
        }
        return json(200, "{\"access_token\":\"tok-" + minted.incrementAndGet() + "\",\"expires_in\":" + expiresInSeconds
                + ",\"token_type\":\"Bearer\"}");
    }

    private boolean signedByKey(String[] jwt) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(keys.getPublic());
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(jwt[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        tokenEndpoint.close();
    }
}
