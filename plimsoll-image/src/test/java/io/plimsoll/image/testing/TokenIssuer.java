package io.plimsoll.image.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token service as docker-registry's {@code auth: token} expects one (the distribution "Token Authentication
 * Implementation" spec): it checks one user's Basic credentials and answers {@code {"token": JWT}}, the JWT signed
 * RS256 with a test key whose self-signed certificate travels in the header's {@code x5c} and is the registry's
 * {@code rootcertbundle}. It counts the requests for each scope.
 */
public final class TokenIssuer implements AutoCloseable {

    public static final String SERVICE = "plimsoll-test-registry";
    public static final String ISSUER = "plimsoll-test-issuer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final TestCertificate signer;
    private final String user;
    private final String password;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private TokenIssuer(HttpServer server, TestCertificate signer, String user, String password) {
        this.server = server;
        this.signer = signer;
        this.user = user;
        this.password = password;
    }

    public static TokenIssuer start(Path dir, String user, String password) throws Exception {
        TestCertificate signer = TestCertificate.create(dir, "token-signer");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TokenIssuer issuer = new TokenIssuer(server, signer, user, password);
        server.createContext("/token", issuer::handle);
        server.start();
        return issuer;
    }

    /** The registry config's {@code auth:} section pointing at this issuer. */
    public String registryAuthConfig() {
        return "auth:\n  token:\n    realm: " + realm() + "\n    service: " + SERVICE + "\n    issuer: " + ISSUER
                + "\n    rootcertbundle: " + signer.certificatePem() + "\n";
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** Token requests seen for {@code scope} (e.g. {@code repository:team/app:pull}). */
    public int requests(String scope) {
        return requests.getOrDefault(scope, new AtomicInteger()).get();
    }

    /** A token granting {@code actions} on {@code repository}, e.g. for the test's pushes. */
    public String mint(String repository, String... actions) throws Exception {
        ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
        header.putArray("x5c").add(Base64.getEncoder().encodeToString(signer.certificate().getEncoded()));
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", user).put("aud", SERVICE)
                .put("exp", now + 300).put("nbf", now - 10).put("iat", now).put("jti", UUID.randomUUID().toString());
        ArrayNode grant = claims.putArray("access").addObject().put("type", "repository").put("name", repository)
                .putArray("actions");
        for (String a : actions) {
            grant.add(a);
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(signer.key());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(rsa.sign());
    }

    private void handle(HttpExchange x) throws IOException {
        Map<String, String> query = new ConcurrentHashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String scope = query.getOrDefault("scope", "");
        requests.computeIfAbsent(scope, s -> new AtomicInteger()).incrementAndGet();
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        String[] parts = scope.split(":");
        byte[] body;
        int status;
        if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            body = "{\"details\":\"invalid credentials\"}".getBytes(StandardCharsets.UTF_8);
        } else if (!SERVICE.equals(query.get("service")) || parts.length != 3 || !parts[0].equals("repository")) {
            status = 400;
            body = "{\"details\":\"bad service or scope\"}".getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                status = 200;
                body = JSON.writeValueAsBytes(JSON.createObjectNode().put("token", mint(parts[1], parts[2].split(",")))
                        .put("expires_in", 300));
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
