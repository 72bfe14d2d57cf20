package io.plimsoll.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.server.analysis.ImageCatalog;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The account's policy bundles: list, upload (a bundle file, as {@code POST /v1/policies}), activate, view rules. */
public final class PolicyPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageCatalog catalog;
    private final Pages pages;

    PolicyPages(ImageCatalog catalog, Pages pages) {
        this.catalog = catalog;
        this.pages = pages;
    }

    public record ListView(List<ImageCatalog.Bundle> bundles, Optional<String> message) {
    }

    public record Rule(String policy, String gate, String trigger, String action, String params) {
    }

    public record BundleView(String id, boolean active, List<Rule> rules, String json) {
    }

    void list(Exchange ex, Caller caller) throws Exception {
        Optional<String> message = ex.query("uploaded").map(id -> "Uploaded policy bundle " + id + ".")
                .or(() -> ex.query("activated").map(id -> "Activated policy bundle " + id + "."));
        pages.render(ex, 200, "policies", caller.chrome("Policies", "policies"),
                new ListView(catalog.bundles(caller.account()), message));
    }

    void upload(Exchange ex, Caller caller) throws Exception {
        byte[] bundle = caller.form().file("bundle").orElseThrow(() -> ApiException.badRequest(
                "choose a policy bundle file (Anchore's JSON) to upload"));
        String id = catalog.upload(caller.account(), bundle, caller.form().field("activate").isPresent());
        Pages.redirect(ex, 303, "/ui/policies?uploaded=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    void activate(Exchange ex, Caller caller) throws Exception {
        String id = ex.param("id");
        catalog.activate(caller.account(), id);
        Pages.redirect(ex, 303, "/ui/policies?activated=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    void show(Exchange ex, Caller caller) throws Exception {
        String id = ex.param("id");
        byte[] bytes = catalog.bundle(caller.account(), id).orElseThrow(() -> ApiException.notFound(
                "no policy bundle " + id));
        JsonNode bundle = JSON.readTree(bytes);
        List<Rule> rules = new ArrayList<>();
        for (JsonNode p : bundle.path("policies")) {
            for (JsonNode r : p.path("rules")) {
                List<String> params = new ArrayList<>();
                for (JsonNode param : r.path("params")) {
                    params.add(param.path("name").asText() + "=" + param.path("value").asText());
                }
                rules.add(new Rule(p.path("name").asText(p.path("id").asText()), r.path("gate").asText(),
                        r.path("trigger").asText(), r.path("action").asText(), String.join(", ", params)));
            }
        }
        boolean active = catalog.bundles(caller.account()).stream().anyMatch(b -> b.id().equals(id) && b.active());
        pages.render(ex, 200, "policy", caller.chrome("Policy " + id, "policies"), new BundleView(id, active, rules,
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(bundle)));
    }
}
