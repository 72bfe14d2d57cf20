package io.plimsoll.server.account;

import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Authenticator;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.JwtAuth;
import io.plimsoll.server.http.Principal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who a request is: a user of an enabled account by HTTP basic auth (when accounts are on, i.e. an admin password is
 * configured), a holder of Clair's pre-shared key by bearer JWT (when a key is configured; it acts as the admin
 * account), or, with neither configured, the local operator as admin (the server then listens on loopback only).
 */
public final class CallerAuthenticator implements Authenticator {

    /** How long a verified password is trusted without running bcrypt again. */
    private static final Duration VERIFIED_FOR = Duration.ofMinutes(2);
    private static final int MAX_VERIFIED = 10_000;

    private final Optional<Accounts> accounts;
    private final Optional<JwtAuth> jwt;
    private final Clock clock;
    /** Keyed by the stored hash and a keyed MAC of the presented password, so a password change misses at once. */
    private final Map<String, Long> verified = new ConcurrentHashMap<>();
    private final byte[] macKey = new byte[32];

    public CallerAuthenticator(Optional<Accounts> accounts, Optional<JwtAuth> jwt, Clock clock) {
        this.accounts = accounts;
        this.jwt = jwt;
        this.clock = clock;
        new SecureRandom().nextBytes(macKey);
    }

    /** True when requests need credentials. */
    public boolean enabled() {
        return accounts.isPresent() || jwt.isPresent();
    }

    @Override
    public Principal authenticate(Exchange ex) {
        if (!enabled()) {
            return new Principal("local", Principal.ADMIN_ACCOUNT, true);
        }
        Optional<String> header = ex.header("Authorization");
        if (accounts.isEmpty()) {
            // key only: exactly the Clair PSK behaviour of before accounts existed
            return keyHolder(jwt.get().verify(header));
        }
        String h = header.orElseThrow(() -> unauthorized("missing credentials: use HTTP basic auth (user and"
                + " password)" + (jwt.isPresent() ? " or a bearer token" : "")));
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            Principal user = basic(h.substring(6).trim());
            // Clair's APIs know no accounts (a manifest is anyone's by digest): they are for the admin account only
            if (!user.admin() && !ex.path().equals("/v1") && !ex.path().startsWith("/v1/")) {
                throw new ApiException(403, "forbidden", "only the admin account's users may use " + ex.path()
                        + "; other accounts use the Anchore API under /v1");
            }
            return user;
        }
        if (jwt.isPresent() && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return keyHolder(jwt.get().verify(header));
        }
        throw unauthorized("Authorization must be Basic" + (jwt.isPresent() ? " or Bearer" : ""));
    }

    private static Principal keyHolder(Optional<String> subject) {
        return new Principal(subject.orElse("psk"), Principal.ADMIN_ACCOUNT, true);
    }

    private Principal basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("malformed basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw unauthorized("malformed basic credentials");
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        try {
            Optional<User> user = accounts.get().user(username);
            if (user.isEmpty() || user.get().passwordHash().isEmpty()) {
                PasswordHash.burn(password);
                throw unauthorized("Unauthorized");
            }
            if (!verify(password, user.get().passwordHash().get())) {
                throw unauthorized("Unauthorized");
            }
            Account account = accounts.get().account(user.get().account()).orElseThrow(() -> unauthorized(
                    "Unauthorized"));
            if (!account.enabled()) {
                throw unauthorized("Unauthorized: account " + account.name() + " is " + account.state());
            }
            return new Principal(username, account.name(), account.admin());
        } catch (SQLException e) {
            throw new ApiException(503, "unavailable", "cannot check credentials: the database is unreachable", e);
        }
    }

    private boolean verify(String password, String hash) {
        String key = hash + ":" + mac(password);
        long now = clock.millis();
        Long until = verified.get(key);
        if (until != null && until > now) {
            return true;
        }
        if (!PasswordHash.matches(password, hash)) {
            return false;
        }
        if (verified.size() >= MAX_VERIFIED) {
            List<String> expired = new ArrayList<>();
            verified.forEach((k, v) -> {
                if (v <= now) {
                    expired.add(k);
                }
            });
            expired.forEach(verified::remove);
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear();
            }
        }
        verified.put(key, now + VERIFIED_FOR.toMillis());
        return true;
    }

    private String mac(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String challenge() {
        List<String> schemes = new ArrayList<>();
        if (accounts.isPresent()) {
            schemes.add("Basic realm=\"plimsoll\"");
        }
        if (jwt.isPresent() || accounts.isEmpty()) {
            schemes.add("Bearer realm=\"plimsoll\"");
        }
        return String.join(", ", schemes);
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }
}
