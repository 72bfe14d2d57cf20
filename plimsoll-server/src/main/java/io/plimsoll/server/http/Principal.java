package io.plimsoll.server.http;

/**
 * Who a request acts for: a user of an account (HTTP basic auth), a holder of the pre-shared key, or, when the
 * server has no auth configured at all, the loopback-only operator.
 *
 * @param name    the user name or token subject, for logs
 * @param account the account whose images and policies the request sees
 * @param admin   true for the admin account's users and key holders: they manage accounts and may act as another
 *                account
 */
public record Principal(String name, String account, boolean admin) {

    public static final String ADMIN_ACCOUNT = "admin";
}
