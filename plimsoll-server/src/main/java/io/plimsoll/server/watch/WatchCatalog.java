package io.plimsoll.server.watch;

import io.plimsoll.server.ServerContext;
import io.plimsoll.server.http.ApiException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the web UI reads and does with an account's subscriptions, watched repositories and events, over the same
 * repositories {@code /v1/subscriptions} and {@code /v1/events} use; every method takes the account, so one account
 * never reaches another's.
 */
public final class WatchCatalog {

    /** Event levels a filter offers (the watcher raises INFO; Anchore also knows ERROR). */
    public static final List<String> LEVELS = List.of("INFO", "ERROR");

    /** A watched repository ({@code repo_update}) and the tag subscriptions under it. */
    public record WatchedRepository(Subscription subscription, int tagCount, List<Subscription> tags) {
    }

    /** A page of events, newest first, and whether another follows. */
    public record EventPage(List<Event> events, boolean more) {
    }

    private final SubscriptionRepository subscriptions;
    private final EventRepository events;

    public WatchCatalog(ServerContext ctx) {
        this.subscriptions = new SubscriptionRepository(ctx.database());
        this.events = new EventRepository(ctx.database(), ctx.instanceId());
    }

    /** Every subscription of the account but the repositories', by key then type. */
    public List<Subscription> subscriptions(String account) throws SQLException {
        return subscriptions.list(account, Optional.empty(), Optional.empty()).stream()
                .filter(s -> !s.type().equals(Subscription.REPO_UPDATE)).toList();
    }

    /** The account's watched repositories, each with the tag subscriptions whose tag is in it. */
    public List<WatchedRepository> repositories(String account) throws SQLException {
        List<Subscription> all = subscriptions.list(account, Optional.empty(), Optional.empty());
        List<WatchedRepository> out = new ArrayList<>();
        for (Subscription repo : all) {
            if (repo.type().equals(Subscription.REPO_UPDATE)) {
                List<Subscription> tags = all.stream().filter(s -> s.type().equals(Subscription.TAG_UPDATE)
                        && s.key().startsWith(repo.key() + ":") && s.key().indexOf('/', repo.key().length()) < 0)
                        .toList();
                out.add(new WatchedRepository(repo, RepositoryWatch.of(repo).tagCount(), tags));
            }
        }
        return out;
    }

    /** Turns the account's subscription on or off; another account's is a 404, as one that does not exist. */
    public Subscription setActive(String account, String id, boolean active) throws SQLException {
        if (!subscriptions.setActive(account, id, active)) {
            throw ApiException.notFound("no subscription " + id);
        }
        return subscriptions.get(account, id).orElseThrow();
    }

    /** A page (from 1) of the account's events of a type (a prefix, as Anchore's filter) and level. */
    public EventPage events(String account, Optional<String> type, Optional<String> level, int page, int size)
            throws SQLException {
        List<Event> found = events.list(account, new EventRepository.Filter(type, Optional.empty(), Optional.empty(),
                level, Optional.empty(), Optional.empty()), page, size);
        boolean more = found.size() > size;
        return new EventPage(more ? found.subList(0, size) : found, more);
    }

    public Optional<Event> event(String account, String id) throws SQLException {
        return events.get(account, id);
    }
}
