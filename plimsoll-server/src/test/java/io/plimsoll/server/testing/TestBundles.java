package io.plimsoll.server.testing;

/** Anchore policy bundles the server tests upload. */
public final class TestBundles {

    private TestBundles() {
    }

    /** A bundle with one rule, STOP on a vulnerability of high severity or worse in any package, mapped to every image. */
    public static String stopOnHigh(String id, String name) {
        return """
                {"id": "%s", "name": "%s", "version": "1_0",
                 "policies": [{"id": "p", "name": "p", "version": "1_0", "rules": [
                   {"id": "r", "gate": "vulnerabilities", "trigger": "package", "action": "STOP",
                    "params": [{"name": "package_type", "value": "all"},
                               {"name": "severity_comparison", "value": ">="}, {"name": "severity", "value": "high"}]}]}],
                 "whitelists": [], "mappings": [{"id": "m", "name": "all", "registry": "*", "repository": "*",
                   "image": {"type": "tag", "value": "*"}, "policy_id": "p", "whitelist_ids": []}]}
                """.formatted(id, name);
    }
}
