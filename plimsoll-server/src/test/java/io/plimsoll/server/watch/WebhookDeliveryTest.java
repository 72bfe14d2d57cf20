package io.plimsoll.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import io.plimsoll.image.testing.Await;
import io.plimsoll.server.config.ServerConfig;
import io.plimsoll.server.db.Database;
import io.plimsoll.server.http.JsonLog;
import io.plimsoll.server.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The outbox outlives the process: an event raised while the receiver is down is kept with its error, and a
 * delivery loop started afresh over the same database (a restarted replica) delivers it once, signed.
 */
class WebhookDeliveryTest {

    @Test
    void anEventRaisedWhileTheReceiverIsDownIsDeliveredOnceAfterARestart() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ServerConfig.Watcher config = new ServerConfig.Watcher(Duration.ZERO,
                Optional.of("http://127.0.0.1:" + port + "/<notification_type>"),
                Optional.of(new ServerConfig.Password("s3")), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);
        JsonLog log = new JsonLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        Database db = TestPostgres.newDatabase();
        SubscriptionRepository subscriptions = new SubscriptionRepository(db);
        Subscription sub = subscriptions.add("admin", Subscription.TAG_UPDATE, "registry.example/app:1",
                Optional.empty(), true).orElseThrow();
        Event event = new EventRepository(db, "replica-a").raise(sub, Optional.empty(), "moved",
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), WebhookTarget.of(config));

        assertThat(new WebhookDelivery(db, config, false, log).deliverDue()).isZero();
        assertThat(lastError(db)).contains("webhook unreachable");

        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        receiver.createContext("/tag_update", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            signatures.add(ex.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try {
            WebhookDelivery restarted = new WebhookDelivery(db, config, false, log);
            Await.until("the kept delivery sent", () -> {
                try {
                    return restarted.deliverDue() == 1;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(restarted.deliverDue()).isZero();
        } finally {
            receiver.stop(0);
        }
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0)).contains("\"notificationId\":\"" + event.id() + "\"")
                .contains("\"notification_type\":\"tag_update\"");
        assertThat(signatures.get(0)).isEqualTo(WebhookSignature.of("s3",
                bodies.get(0).getBytes(StandardCharsets.UTF_8)));
    }

    private static String lastError(Database db) throws SQLException {
        try (var c = db.connection(); var s = c.prepareStatement("SELECT last_error FROM watch_delivery");
             var rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
