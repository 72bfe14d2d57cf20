package io.plimsoll.server.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Principal;
import io.plimsoll.server.http.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Anchore's account management (role API): {@code /v1/accounts} and their users for the admin account's users, and
 * {@code /v1/account} and {@code /v1/user} for every caller. Bodies follow the swagger's {@code Account},
 * {@code User} and {@code AccessCredential}.
 */
public final class AccountApiModule implements ServerModule {

    /** Anchore's pattern for account and user names. */
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9@.!#$+\\-=^_`~;]{1,126}[a-zA-Z0-9]$");

    private final Accounts accounts;

    public AccountApiModule(ServerContext ctx) {
        this.accounts = new Accounts(ctx.database());
    }

    @Override
    public String name() {
        return "accounts-api";
    }

    @Override
    public void routes(Router r) {
        r.get("/v1/accounts", this::listAccounts);
        r.post("/v1/accounts", this::createAccount);
        r.get("/v1/accounts/{account}", this::getAccount);
        r.delete("/v1/accounts/{account}", this::deleteAccount);
        r.put("/v1/accounts/{account}/state", this::setState);
        r.get("/v1/accounts/{account}/users", this::listUsers);
        r.post("/v1/accounts/{account}/users", this::createUser);
        r.get("/v1/accounts/{account}/users/{user}", this::getUser);
        r.delete("/v1/accounts/{account}/users/{user}", this::deleteUser);
        r.get("/v1/accounts/{account}/users/{user}/credentials", this::listCredentials);
        r.post("/v1/accounts/{account}/users/{user}/credentials", this::setCredential);
        r.delete("/v1/accounts/{account}/users/{user}/credentials", this::deleteCredential);
        r.get("/v1/account", this::ownAccount);
        r.get("/v1/user", this::ownUser);
    }

    // ---- accounts ----

    private void listAccounts(Exchange ex) throws Exception {
        requireAdmin(ex);
        Optional<String> state = ex.query("state");
        if (state.isPresent() && !List.of("enabled", "disabled", "deleting").contains(state.get())) {
            throw ApiException.badRequest("state must be enabled, disabled or deleting, got '" + state.get() + "'");
        }
        List<Object> out = new ArrayList<>();
        for (Account a : accounts.accounts(state)) {
            out.add(view(a));
        }
        ex.json(200, out);
    }

    private void createAccount(Exchange ex) throws Exception {
        requireAdmin(ex);
        JsonNode body = object(ex);
        String name = name(body, "name");
        Optional<String> email = optionalText(body, "email");
        if (!accounts.createAccount(name, email)) {
            throw ApiException.conflict("account " + name + " already exists");
        }
        ex.json(200, view(account(name)));
    }

    private void getAccount(Exchange ex) throws Exception {
        requireAdmin(ex);
        ex.json(200, view(account(ex.param("account"))));
    }

    /** As Anchore: only a disabled account may be deleted, and never the admin account. */
    private void deleteAccount(Exchange ex) throws Exception {
        requireAdmin(ex);
        Account a = account(ex.param("account"));
        if (a.admin()) {
            throw ApiException.badRequest("the admin account cannot be deleted");
        }
        if (a.enabled()) {
            throw ApiException.badRequest("Invalid account state change requested. Cannot go from state enabled to"
                    + " state deleting: disable the account first");
        }
        accounts.deleteAccount(a.name());
        ex.noContent();
    }

    private void setState(Exchange ex) throws Exception {
        requireAdmin(ex);
        Account a = account(ex.param("account"));
        String state = optionalText(object(ex), "state").orElseThrow(() -> ApiException.badRequest(
                "give {\"state\": \"enabled\"} or {\"state\": \"disabled\"}"));
        if (!List.of("enabled", "disabled").contains(state)) {
            throw ApiException.badRequest("state must be enabled or disabled, got '" + state + "'");
        }
        if (a.admin() && !state.equals("enabled")) {
            throw ApiException.badRequest("the admin account cannot be disabled");
        }
        accounts.setState(a.name(), state);
        ex.json(200, Map.of("state", state));
    }

    // ---- users ----

    private void listUsers(Exchange ex) throws Exception {
        requireAdmin(ex);
        List<Object> out = new ArrayList<>();
        for (User u : accounts.users(account(ex.param("account")).name())) {
            out.add(view(u));
        }
        ex.json(200, out);
    }

    private void createUser(Exchange ex) throws Exception {
        requireAdmin(ex);
        Account a = account(ex.param("account"));
        JsonNode body = object(ex);
        String username = name(body, "username");
        String password = password(optionalText(body, "password"));
        if (!accounts.createUser(a.name(), username, password)) {
            throw ApiException.conflict("user " + username + " already exists");
        }
        ex.json(200, view(user(a.name(), username)));
    }

    private void getUser(Exchange ex) throws Exception {
        requireAdmin(ex);
        ex.json(200, view(user(ex.param("account"), ex.param("user"))));
    }

    private void deleteUser(Exchange ex) throws Exception {
        requireAdmin(ex);
        User u = user(ex.param("account"), ex.param("user"));
        if (u.username().equals(ex.principal().name())) {
            throw ApiException.badRequest("a user cannot delete itself");
        }
        if (u.username().equals("admin") && u.account().equals(Principal.ADMIN_ACCOUNT)) {
            throw ApiException.badRequest("the admin user cannot be deleted (its password is the setting"
                    + " auth.admin_password)");
        }
        accounts.deleteUser(u.account(), u.username());
        ex.noContent();
    }

    private void listCredentials(Exchange ex) throws Exception {
        requireAdmin(ex);
        User u = user(ex.param("account"), ex.param("user"));
        List<Object> out = new ArrayList<>();
        if (u.passwordHash().isPresent()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("type", "password");
            c.put("value", "********");
            c.put("created_at", u.passwordSetAt().map(Instant::toString).orElse(null));
            out.add(c);
        }
        ex.json(200, out);
    }

    /** Sets the password: Anchore's body {@code {"type": "password", "value": "..."}}. */
    private void setCredential(Exchange ex) throws Exception {
        requireAdmin(ex);
        User u = user(ex.param("account"), ex.param("user"));
        JsonNode body = object(ex);
        String type = optionalText(body, "type").orElse("password");
        if (!type.equals("password")) {
            throw ApiException.badRequest("credential type must be password, got '" + type + "'");
        }
        accounts.setPassword(u.account(), u.username(), Optional.of(password(optionalText(body, "value"))));
        ex.json(200, view(user(u.account(), u.username())));
    }

    private void deleteCredential(Exchange ex) throws Exception {
        requireAdmin(ex);
        User u = user(ex.param("account"), ex.param("user"));
        String type = ex.query("credential_type").orElseThrow(() -> ApiException.badRequest(
                "give ?credential_type=password"));
        if (!type.equals("password")) {
            throw ApiException.badRequest("credential type must be password, got '" + type + "'");
        }
        if (u.username().equals("admin") && u.account().equals(Principal.ADMIN_ACCOUNT)) {
            throw ApiException.badRequest("the admin user's password is the setting auth.admin_password");
        }
        accounts.setPassword(u.account(), u.username(), Optional.empty());
        ex.noContent();
    }

    // ---- the caller ----

    private void ownAccount(Exchange ex) throws Exception {
        ex.json(200, view(account(ex.principal().account())));
    }

    /** The caller's user; a key holder or the local operator has no user row, so an internal user stands in. */
    private void ownUser(Exchange ex) throws Exception {
        Principal p = ex.principal();
        Optional<User> u = accounts.user(p.name()).filter(x -> x.account().equals(p.account()));
        if (u.isPresent()) {
            ex.json(200, view(u.get()));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", p.name());
        out.put("type", "internal");
        out.put("source", null);
        ex.json(200, out);
    }

    // ----

    private static void requireAdmin(Exchange ex) {
        if (!ex.principal().admin()) {
            throw new ApiException(403, "forbidden", "Not authorized. Requires permissions: admin account");
        }
    }

    private Account account(String name) throws Exception {
        return accounts.account(name).orElseThrow(() -> ApiException.notFound("no account " + name));
    }

    private User user(String account, String username) throws Exception {
        account(account);
        return accounts.user(username).filter(u -> u.account().equals(account))
                .orElseThrow(() -> ApiException.notFound("no user " + username + " in account " + account));
    }

    private static JsonNode object(Exchange ex) {
        JsonNode body = ex.json();
        if (!body.isObject()) {
            throw ApiException.badRequest("expected a JSON object");
        }
        return body;
    }

    private static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest("\"" + field + "\" must be a string");
        }
        return Optional.of(n.asText());
    }

    private static String name(JsonNode body, String field) {
        String v = optionalText(body, field).orElseThrow(() -> ApiException.badRequest("'" + field
                + "' is a required property"));
        if (!NAME.matcher(v).matches()) {
            throw ApiException.badRequest("\"" + field + "\" must be 3 to 128 letters, digits or @.!#$+-=^_`~;"
                    + " starting and ending with a letter or digit, got '" + v + "'");
        }
        return v;
    }

    private static String password(Optional<String> password) {
        String p = password.orElseThrow(() -> ApiException.badRequest("'password' is a required property"));
        String problem = PasswordHash.problem(p);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        return p;
    }

    private static Map<String, Object> view(Account a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", a.name());
        out.put("email", a.email().orElse(null));
        out.put("type", a.type());
        out.put("state", a.state());
        out.put("created_at", a.createdAt().toString());
        out.put("last_updated", a.lastUpdated().toString());
        return out;
    }

    private static Map<String, Object> view(User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", u.username());
        out.put("type", "native");
        out.put("source", null);
        out.put("created_at", u.createdAt().toString());
        out.put("last_updated", u.lastUpdated().toString());
        return out;
    }
}
