package io.plimsoll.server.account;

import io.plimsoll.server.PlimsollServer;
import io.plimsoll.server.analysis.AnalysisApiModule;
import io.plimsoll.server.analysis.SystemApiModule;
import io.plimsoll.server.testing.TestServers;
import io.plimsoll.vuln.testing.MemoryVulnStore;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A server with accounts on (an admin password) and the /v1 modules, and requests as one user or another. */
final class AccountTesting {

    static final String ADMIN_PASSWORD = "s3cret-admin-pw";
    /** A small valid Anchore bundle. */
    static final String BUNDLE = """
            {"id": "team-bundle", "name": "team", "version": "1_0",
             "policies": [{"id": "p", "name": "p", "version": "1_0", "rules": [
               {"id": "r", "gate": "vulnerabilities", "trigger": "package", "action": "STOP",
                "params": [{"name": "package_type", "value": "all"},
                           {"name": "severity_comparison", "value": ">="}, {"name": "severity", "value": "high"}]}]}],
             "whitelists": [], "mappings": [{"id": "m", "name": "all", "registry": "*", "repository": "*",
               "image": {"type": "tag", "value": "*"}, "policy_id": "p", "whitelist_ids": []}]}
            """;

    private AccountTesting() {
    }

    /** No analysis worker: submitted images stay queued, which is all the scoping tests need. */
    static PlimsollServer server(String dbUrl, Path dir, ByteArrayOutputStream log, Map<String, String> settings)
            throws Exception {
        Map<String, String> s = new HashMap<>(Map.of("roles", "api", "auth.admin_password", ADMIN_PASSWORD));
        s.putAll(settings);
        return TestServers.start(TestServers.config(dbUrl, dir, s), log, ctx -> List.of(
                new AnalysisApiModule(ctx, new MemoryVulnStore()), new AccountApiModule(ctx),
                new SystemApiModule(ctx)));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> as(PlimsollServer s, String user, String password, String method, String path,
                                   String body, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = basic(user, password);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return TestServers.send(method, s.baseUrl() + path, body, all);
    }

    static HttpResponse<String> admin(PlimsollServer s, String method, String path, String body, String... headers)
            throws Exception {
        return as(s, "admin", ADMIN_PASSWORD, method, path, body, headers);
    }
}
