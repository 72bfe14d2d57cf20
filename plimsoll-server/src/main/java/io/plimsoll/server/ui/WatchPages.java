package io.plimsoll.server.ui;

import io.plimsoll.server.http.ApiException;
import io.plimsoll.server.http.Exchange;
import io.plimsoll.server.watch.Event;
import io.plimsoll.server.watch.Subscription;
import io.plimsoll.server.watch.WatchCatalog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watches and events: the account's watched repositories with their tags, its subscriptions (each switched on or
 * off), and its events, filtered by type and level and paged, with one event's details.
 */
public final class WatchPages {

    static final int PAGE_SIZE = 50;
    /** Event types a filter offers: Anchore's {@code user.checks.<subscription type>}. */
    static final List<String> EVENT_TYPES = Subscription.TYPES.stream().map(t -> "user.checks." + t).toList();

    private final WatchCatalog watches;
    private final Pages pages;

    WatchPages(WatchCatalog watches, Pages pages) {
        this.watches = watches;
        this.pages = pages;
    }

    public record SubscriptionRow(String id, String key, String type, boolean active, String updated) {
    }

    public record RepositoryRow(SubscriptionRow watch, int tagCount, List<SubscriptionRow> tags) {
    }

    public record WatchView(List<RepositoryRow> repositories, List<SubscriptionRow> subscriptions,
                            Optional<String> message) {
    }

    public record EventRow(String id, String time, String type, String level, String resource, String message) {
    }

    public record EventsView(List<EventRow> events, List<String> types, String type, List<String> levels,
                             String level, List<ImagePages.Link> pager) {
    }

    public record EventView(EventRow event, String resourceType, String details, String host) {
    }

    void watches(Exchange ex, Caller caller) throws Exception {
        List<RepositoryRow> repositories = new ArrayList<>();
        for (WatchCatalog.WatchedRepository r : watches.repositories(caller.account())) {
            repositories.add(new RepositoryRow(row(r.subscription()), r.tagCount(), r.tags().stream()
                    .map(WatchPages::row).toList()));
        }
        List<SubscriptionRow> subscriptions = watches.subscriptions(caller.account()).stream().map(WatchPages::row)
                .toList();
        Optional<String> message = ex.query("activated").map(k -> "Activated the subscription.")
                .or(() -> ex.query("deactivated").map(k -> "Deactivated the subscription."));
        pages.render(ex, 200, "watches", caller.chrome("Watches", "watches"), new WatchView(repositories,
                subscriptions, message));
    }

    void activate(Exchange ex, Caller caller) throws Exception {
        switchTo(ex, caller, true);
    }

    void deactivate(Exchange ex, Caller caller) throws Exception {
        switchTo(ex, caller, false);
    }

    private void switchTo(Exchange ex, Caller caller, boolean active) throws Exception {
        Subscription s = watches.setActive(caller.account(), ImagePages.cut(ex.param("id"), 100), active);
        Pages.redirect(ex, 303, "/ui/watches?" + (active ? "activated=" : "deactivated=")
                + URLEncoder.encode(s.id(), StandardCharsets.UTF_8));
    }

    void events(Exchange ex, Caller caller) throws Exception {
        Optional<String> type = ex.query("type").filter(EVENT_TYPES::contains);
        Optional<String> level = ex.query("level").filter(WatchCatalog.LEVELS::contains);
        int page = ex.query("page").filter(p -> p.matches("\\d{1,6}")).map(Integer::parseInt).orElse(0);
        WatchCatalog.EventPage found = watches.events(caller.account(), type, level, page + 1, PAGE_SIZE);
        List<ImagePages.Link> pager = new ArrayList<>();
        if (page > 0) {
            pager.add(new ImagePages.Link("Newer", href(type, level, page - 1), false));
        }
        pager.add(new ImagePages.Link("Page " + (page + 1), href(type, level, page), true));
        if (found.more()) {
            pager.add(new ImagePages.Link("Older", href(type, level, page + 1), false));
        }
        pages.render(ex, 200, "events", caller.chrome("Events", "events"), new EventsView(found.events().stream()
                .map(WatchPages::row).toList(), EVENT_TYPES, type.orElse(""), WatchCatalog.LEVELS, level.orElse(""),
                pager));
    }

    void event(Exchange ex, Caller caller) throws Exception {
        String id = ImagePages.cut(ex.param("id"), 100);
        Event e = watches.event(caller.account(), id).orElseThrow(() -> ApiException.notFound("no event " + id));
        String details;
        try {
            details = io.plimsoll.server.http.Exchange.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                    io.plimsoll.server.http.Exchange.JSON.readTree(e.details()));
        } catch (Exception notJson) {
            details = e.details();
        }
        pages.render(ex, 200, "event", caller.chrome("Event " + e.type(), "events"), new EventView(row(e),
                e.resourceType(), details, e.hostId()));
    }

    /** The newest few events, for the dashboard. */
    List<EventRow> recent(String account, int n) throws Exception {
        return watches.events(account, Optional.empty(), Optional.empty(), 1, n).events().stream()
                .map(WatchPages::row).toList();
    }

    private static String href(Optional<String> type, Optional<String> level, int page) {
        StringBuilder b = new StringBuilder("/ui/events?page=").append(page);
        type.ifPresent(t -> b.append("&type=").append(t));
        level.ifPresent(l -> b.append("&level=").append(l));
        return b.toString();
    }

    private static SubscriptionRow row(Subscription s) {
        return new SubscriptionRow(s.id(), s.key(), s.type(), s.active(), ImagePages.time(s.lastUpdated()));
    }

    private static EventRow row(Event e) {
        return new EventRow(e.id(), ImagePages.time(e.createdAt()), e.type(), e.level(), e.resourceId(),
                e.message());
    }
}
