package io.plimsoll.server.ui;

import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.registry.RegistryEntry;
import io.plimsoll.server.registry.Registrations;
import java.util.List;
import java.util.Optional;

/**
 * The account's registry credentials: a list (never a password, not even masked in a field), an add form under
 * the rules {@code /v1/registries} keeps (one registration per registry, a login tried first unless unticked, no
 * password stored without {@code registries.secret_key}), and remove.
 */
public final class RegistryPages {

    private final Registrations registrations;
    private final Pages pages;

    RegistryPages(Registrations registrations, Pages pages) {
        this.registrations = registrations;
        this.pages = pages;
    }

    public record Row(String registry, String name, String type, String user, boolean verify, String updated) {
    }

    public record ListView(List<Row> rows, List<String> types, Optional<String> message) {
    }

    void list(Exchange ex, Caller caller) throws Exception {
        List<Row> rows = registrations.list(caller.account()).stream().map(RegistryPages::row).toList();
        Optional<String> message = ex.query("added").map(r -> "Added registry " + ImagePages.cut(r, 300) + ".")
                .or(() -> ex.query("removed").map(r -> "Removed registry " + ImagePages.cut(r, 300) + "."));
        pages.render(ex, 200, "registries", caller.chrome("Registries", "registries"), new ListView(rows,
                Registrations.TYPES, message));
    }

    void add(Exchange ex, Caller caller) throws Exception {
        FormData form = caller.form();
        String registry = form.field("registry").map(r -> ImagePages.cut(r, 300)).orElseThrow(() ->
                ApiException.badRequest("give the registry as a pull names it: host[:port], or host/org"));
        Optional<String> password = Optional.ofNullable(form.fields().get("password")).filter(p -> !p.isEmpty());
        RegistryEntry saved = registrations.save(caller.account(), new Registrations.Request(registry,
                form.field("username"), password, form.field("type").orElse("docker_v2"),
                form.field("verify").isPresent(), form.field("name"), form.field("validate").isPresent(), false));
        Pages.redirect(ex, 303, "/ui/registries?added=" + java.net.URLEncoder.encode(saved.registry(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    void remove(Exchange ex, Caller caller) throws Exception {
        String registry = caller.form().field("registry").orElseThrow(() -> ApiException.badRequest(
                "no registry named"));
        registrations.delete(caller.account(), ImagePages.cut(registry, 300));
        Pages.redirect(ex, 303, "/ui/registries?removed=" + java.net.URLEncoder.encode(registry,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Row row(RegistryEntry e) {
        return new Row(e.registry(), e.name(), e.type(), e.user(), e.verify(), ImagePages.time(e.lastUpdated()));
    }
}
