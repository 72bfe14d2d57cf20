package io.plimsoll.server.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Account passwords as salted bcrypt hashes (cost {@value #COST}: about a tenth of a second per check, which is what
 * makes a stolen table slow to attack; {@link CallerAuthenticator} keeps a verified login briefly so a client's
 * burst of requests pays it once).
 */
final class PasswordHash {

    static final int COST = 11;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused instead. */
    static final int MAX_BYTES = 72;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when the user does not exist, so an unknown name takes as long as a wrong password. */
    private static final String DUMMY = BCrypt.hashpw("no such user", BCrypt.gensalt(COST, RANDOM));

    private PasswordHash() {
    }

    /** Why this password cannot be set (Anchore's rule: 6 to 128 characters; bcrypt's: at most 72 bytes), or null. */
    static String problem(String password) {
        if (password == null || password.length() < 6) {
            return "the password must be at least 6 characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "the password must be at most " + MAX_BYTES + " bytes (bcrypt ignores the rest)";
        }
        return null;
    }

    static String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(COST, RANDOM));
    }

    static boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            BCrypt.checkpw("x", DUMMY);
            return false;
        }
        try {
            return BCrypt.checkpw(password, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of one check, for a user that does not exist. */
    static void burn(String password) {
        matches(password, DUMMY);
    }
}
