package io.plimsoll.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.image.ImageException;
import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.account.AccountScope;
import io.plimsoll.server.account.Accounts;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anchore's {@code /v1/registries} (role API): the caller's account registers credentials for a registry
 * ({@code anchore-cli registry add|update|del|list|get}); every later pull of that registry's images for the account
 * uses them ({@link RegistryAccess}). The password is never answered ({@code "registry_pass": "***"}), and without
 * {@code registries.secret_key} it is refused rather than stored in the clear.
 */
public final class RegistryApiModule implements ServerModule {

    private final Registrations registries;
    private final AccountScope scope;

    public RegistryApiModule(ServerContext ctx) throws ImageException {
        this.registries = new Registrations(ctx);
        this.scope = new AccountScope(new Accounts(ctx.database()));
    }

    @Override
    public String name() {
        return "registry-api";
    }

    @Override
    public void routes(Router r) {
        r.get("/v1/registries", ex -> {
            List<Object> out = new ArrayList<>();
            for (RegistryEntry e : registries.list(scope.of(ex))) {
                out.add(view(e));
            }
            ex.json(200, out);
        });
        r.post("/v1/registries", ex -> save(ex, Optional.empty()));
        r.get("/v1/registries/{registry}", ex -> ex.json(200, List.of(view(registries.existing(scope.of(ex),
                ex.param("registry"))))));
        r.put("/v1/registries/{registry}", ex -> save(ex, Optional.of(ex.param("registry"))));
        r.delete("/v1/registries/{registry}", ex -> {
            registries.delete(scope.of(ex), ex.param("registry"));
            ex.noContent();
        });
    }

    /** Add (no path registry) or update: validate the body, try a login unless {@code validate=false}, store. */
    private void save(Exchange ex, Optional<String> path) throws Exception {
        String account = scope.of(ex);
        JsonNode body = ex.json();
        if (!body.isObject()) {
            throw ApiException.badRequest("expected a JSON object like {\"registry\": \"host:port\", \"registry_user\":"
                    + " \"u\", \"registry_pass\": \"p\"}");
        }
        String registry = text(body, "registry").or(() -> path).orElseThrow(() -> ApiException.badRequest(
                "\"registry\" (host[:port] as a pull names it) is required"));
        if (path.isPresent() && !path.get().equals(registry)) {
            throw ApiException.badRequest("the body's registry '" + registry + "' is not the path's '" + path.get()
                    + "'");
        }
        Optional<String> user = text(body, "registry_user");
        Optional<String> password = text(body, "registry_pass");
        String type = text(body, "registry_type").orElse("docker_v2");
        boolean verify = !body.has("registry_verify") || body.get("registry_verify").asBoolean(true);
        boolean validate = ex.query("validate").map(v -> !v.equalsIgnoreCase("false")).orElse(true);
        RegistryEntry saved = registries.save(account, new Registrations.Request(registry, user, password, type,
                verify, text(body, "registry_name"), validate, path.isPresent()));
        ex.json(200, List.of(view(saved)));
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw ApiException.badRequest("\"" + field + "\" must be a non-empty string");
        }
        return Optional.of(n.asText());
    }

    /** Anchore's registry record: the password is never returned. */
    static Map<String, Object> view(RegistryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registry", e.registry());
        m.put("registry_name", e.name());
        m.put("registry_type", e.type());
        m.put("registry_user", e.user());
        m.put("registry_pass", "***");
        m.put("registry_verify", e.verify());
        m.put("userId", e.account());
        m.put("created_at", e.createdAt().toString());
        m.put("last_updated", e.lastUpdated().toString());
        return m;
    }
}
