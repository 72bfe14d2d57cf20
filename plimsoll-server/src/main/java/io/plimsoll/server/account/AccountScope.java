package io.plimsoll.server.account;

import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Principal;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The account a /v1 request reads and writes: the caller's own, or, for the admin account's users, the one Anchore's
 * {@code x-anchore-account} header names (how {@code anchore-cli --as-account} acts for another account).
 */
public final class AccountScope {

    public static final String HEADER = "x-anchore-account";

    private final Accounts accounts;

    public AccountScope(Accounts accounts) {
        this.accounts = accounts;
    }

    public String of(Exchange ex) throws SQLException {
        Principal caller = ex.principal();
        Optional<String> asAccount = ex.header(HEADER).map(String::trim).filter(s -> !s.isEmpty());
        if (asAccount.isEmpty() || asAccount.get().equals(caller.account())) {
            return caller.account();
        }
        if (!caller.admin()) {
            throw new ApiException(403, "forbidden", "Not authorized: only the admin account may act as another"
                    + " account (" + HEADER + ": " + asAccount.get() + ")");
        }
        if (accounts.account(asAccount.get()).isEmpty()) {
            throw ApiException.notFound("no account " + asAccount.get() + " (" + HEADER + ")");
        }
        return asAccount.get();
    }
}
