package io.plimsoll.server.ui;

import io.plimsoll.server.ServerContext;
import io.plimsoll.server.ServerModule;
import io.plimsoll.server.account.PasswordSignIn;
import io.plimsoll.server.analysis.ImageCatalog;
import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.http.Principal;
import io.plimsoll.server.http.Router;
import io.plimsoll.server.registry.Registrations;
import io.plimsoll.server.watch.WatchCatalog;
import io.plimsoll.vuln.store.VulnStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The web UI at {@code /ui/} (role API). Its routes are public to the HTTP layer's authenticator, which knows only
 * HTTP basic auth and bearer tokens: a browser signs in once with a form and carries a session cookie, checked
 * here before any page runs. Every POST must carry the session's CSRF token. Without any auth configured the
 * server listens on loopback only and the UI acts as the local admin, as the API does.
 */
public final class UiModule implements ServerModule {

    /** A page or form handler, run only for a caller with a session (and a valid CSRF token on a POST). */
    @FunctionalInterface
    interface Page {
        void handle(Exchange ex, Caller caller) throws Exception;
    }

    private final ServerContext ctx;
    private final Sessions sessions;
    private final PasswordSignIn passwords;
    private final Cookies cookies;
    private final Pages pages = new Pages();
    private final Assets assets = new Assets();
    private final ImageCatalog catalog;
    private final Registrations registrations;
    private final WatchCatalog watches;

    public UiModule(ServerContext ctx, VulnStore store) throws io.plimsoll.image.ImageException {
        this.ctx = ctx;
        this.sessions = new Sessions(ctx.database(), ctx.clock());
        this.passwords = new PasswordSignIn(ctx.database());
        this.cookies = new Cookies(ctx.config().tls().isPresent());
        this.catalog = new ImageCatalog(ctx, store);
        this.registrations = new Registrations(ctx);
        this.watches = new WatchCatalog(ctx);
    }

    @Override
    public String name() {
        return "ui";
    }

    /** True when callers sign in; false in the loopback-only mode with no auth configured. */
    private boolean signInRequired() {
        return ctx.config().authenticated();
    }

    private boolean accounts() {
        return ctx.config().adminPassword().isPresent();
    }

    @Override
    public void close() {
        catalog.close();
    }

    @Override
    public void routes(Router r) {
        r.add("GET", "/", ex -> Pages.redirect(ex, 302, "/ui/"), true);
        r.add("GET", "/ui/assets/{name}", assets::serve, true);
        r.add("GET", "/ui/signin", this::signInPage, true);
        r.add("POST", "/ui/signin", this::signIn, true);
        page(r, "POST", "/ui/signout", this::signOut);
        ImagePages images = new ImagePages(catalog, pages);
        WatchPages watchPages = new WatchPages(watches, pages);
        page(r, "GET", "/ui/", new DashboardPage(catalog, watchPages, pages, ctx.clock())::show);
        page(r, "GET", "/ui/images", images::list);
        page(r, "POST", "/ui/images", images::add);
        page(r, "GET", "/ui/images/{id}", images::show);
        page(r, "POST", "/ui/images/{id}/rescan", images::rescan);
        page(r, "GET", "/ui/images/{id}/reports/{format}", images::report);
        page(r, "GET", "/ui/vulnerabilities/{id}", new VulnerabilityPage(catalog, pages)::show);
        PolicyPages policies = new PolicyPages(catalog, pages);
        page(r, "GET", "/ui/policies", policies::list);
        page(r, "POST", "/ui/policies", policies::upload);
        page(r, "GET", "/ui/policies/{id}", policies::show);
        page(r, "POST", "/ui/policies/{id}/activate", policies::activate);
        RegistryPages registries = new RegistryPages(registrations, pages);
        page(r, "GET", "/ui/registries", registries::list);
        page(r, "POST", "/ui/registries", registries::add);
        page(r, "POST", "/ui/registries/remove", registries::remove);
        page(r, "GET", "/ui/watches", watchPages::watches);
        page(r, "POST", "/ui/watches/{id}/activate", watchPages::activate);
        page(r, "POST", "/ui/watches/{id}/deactivate", watchPages::deactivate);
        page(r, "GET", "/ui/events", watchPages::events);
        page(r, "GET", "/ui/events/{id}", watchPages::event);
        page(r, "GET", "/ui/feeds", new FeedsPage(catalog, pages, ctx.clock())::show);
    }

    private void page(Router r, String method, String template, Page page) {
        r.add(method, template, ex -> guarded(ex, page), true);
    }

    private void guarded(Exchange ex, Page page) throws Exception {
        try {
            Optional<Session> session = current(ex);
            if (session.isEmpty() && !signInRequired()) {
                Sessions.Created local = sessions.create(new Principal("local", Principal.ADMIN_ACCOUNT, true));
                cookies.set(ex, Cookies.SESSION, local.token(), Sessions.LIFETIME);
                session = Optional.of(local.session());
            }
            if (session.isEmpty()) {
                String next = ex.method().equals("GET") ? ex.path() : "/ui/";
                Pages.redirect(ex, ex.method().equals("GET") ? 302 : 303,
                        "/ui/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
                return;
            }
            FormData form = FormData.EMPTY;
            if (ex.method().equals("POST")) {
                form = FormData.parse(ex.header("Content-Type"), ex.body());
                if (!Sessions.same(session.get().csrf(), form.fields().get("csrf"))) {
                    throw new ApiException(403, "forbidden", "the form's security token is missing or out of date;"
                            + " reload the page and try again");
                }
            }
            page.handle(ex, new Caller(session.get(), form));
        } catch (ApiException e) {
            error(ex, e.status(), e.getMessage());
        } catch (Exception e) {
            // a page, not the API's JSON body; the details go to the log under the request id
            ctx.log().error("ui page failed", "request_id", ex.requestId(), "path", ex.path(), "error", e);
            error(ex, 500, "Something went wrong on the server (request id " + ex.requestId() + ").");
        }
    }

    /** The caller's live session; a session of an account disabled since is over. */
    private Optional<Session> current(Exchange ex) throws Exception {
        Optional<String> token = Cookies.read(ex, Cookies.SESSION);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<Session> s = sessions.find(token.get());
        if (s.isPresent() && accounts() && !passwords.accountEnabled(s.get().principal().account())) {
            sessions.delete(s.get());
            return Optional.empty();
        }
        return s;
    }

    private void error(Exchange ex, int status, String message) {
        pages.render(ex, status, "error", new Pages.Chrome("Error", "", "", "", "", false),
                new ErrorView(status, message));
    }

    /** What the error page says. */
    public record ErrorView(int status, String message) {
    }

    // ---- sign-in ----

    /** What the sign-in page shows. */
    public record SignInView(String csrf, String next, Optional<String> error, boolean available) {
    }

    private void signInPage(Exchange ex) throws Exception {
        if (!signInRequired() || current(ex).isPresent()) {
            Pages.redirect(ex, 302, "/ui/");
            return;
        }
        String token = Sessions.token();
        cookies.set(ex, Cookies.SIGN_IN, token, Duration.ofHours(1));
        showSignIn(ex, 200, token, next(ex.query("next")), Optional.empty());
    }

    private void showSignIn(Exchange ex, int status, String token, String next, Optional<String> error) {
        pages.render(ex, status, "signin", new Pages.Chrome("Sign in", "signin", "", "", "", false),
                new SignInView(token, next, accounts() ? error
                        : Optional.of("The web UI signs in with the server's accounts: set auth.admin_password."),
                        accounts()));
    }

    private void signIn(Exchange ex) throws Exception {
        try {
            FormData form = FormData.parse(ex.header("Content-Type"), ex.body());
            Optional<String> cookie = Cookies.read(ex, Cookies.SIGN_IN);
            if (cookie.isEmpty() || !Sessions.same(cookie.get(), form.fields().get("csrf"))) {
                throw new ApiException(403, "forbidden", "the sign-in form's security token is missing or out of"
                        + " date; reload the page and try again");
            }
            String next = next(form.field("next"));
            Optional<Principal> p = accounts() ? passwords.verify(form.field("username").orElse(""),
                    form.fields().getOrDefault("password", "")) : Optional.empty();
            if (p.isEmpty()) {
                showSignIn(ex, 401, cookie.get(), next, Optional.of("Wrong username or password."));
                return;
            }
            Sessions.Created s = sessions.create(p.get());
            cookies.set(ex, Cookies.SESSION, s.token(), Sessions.LIFETIME);
            Pages.redirect(ex, 303, next);
        } catch (ApiException e) {
            error(ex, e.status(), e.getMessage());
        }
    }

    private void signOut(Exchange ex, Caller caller) throws Exception {
        sessions.delete(caller.session());
        cookies.clear(ex, Cookies.SESSION);
        Pages.redirect(ex, 303, signInRequired() ? "/ui/signin" : "/ui/");
    }

    /** Where to go after signing in: a UI path only, so the form cannot send anyone to another site. */
    private static String next(Optional<String> next) {
        return next.filter(n -> n.startsWith("/ui/") && !n.startsWith("//") && !n.contains("\\")).orElse("/ui/");
    }
}
