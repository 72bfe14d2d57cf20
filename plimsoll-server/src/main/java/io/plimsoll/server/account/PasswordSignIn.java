package io.plimsoll.server.account;

import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.Principal;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A user name and password checked against the accounts, for the web UI's sign-in form (HTTP basic auth checks the
 * same through {@link CallerAuthenticator}); also whether a signed-in account may still act.
 */
public final class PasswordSignIn {

    private final Accounts accounts;

    public PasswordSignIn(Database db) {
        this.accounts = new Accounts(db);
    }

    /** The principal, or empty for an unknown user, a wrong password or a disabled account (all alike). */
    public Optional<Principal> verify(String username, String password) throws SQLException {
        Optional<User> user = accounts.user(username);
        if (user.isEmpty() || user.get().passwordHash().isEmpty()) {
            // as long as a real check, so a response time does not tell which user names exist
            PasswordHash.burn(password);
            return Optional.empty();
        }
        if (!PasswordHash.matches(password, user.get().passwordHash().get())) {
            return Optional.empty();
        }
        Optional<Account> account = accounts.account(user.get().account());
        if (account.isEmpty() || !account.get().enabled()) {
            return Optional.empty();
        }
        return Optional.of(new Principal(username, account.get().name(), account.get().admin()));
    }

    /** False once the account was disabled or deleted: its open sessions end. */
    public boolean accountEnabled(String account) throws SQLException {
        return accounts.account(account).map(Account::enabled).orElse(false);
    }
}
