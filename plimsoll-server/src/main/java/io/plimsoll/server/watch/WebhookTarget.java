package io.plimsoll.server.watch;

import io.plimsoll.server.config.ServerConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The configured webhook ({@code webhooks.url}): Anchore's URL template, where {@code <notification_type>} and
 * {@code <userId>} become the subscription's type and account.
 */
record WebhookTarget(String template) {

    static Optional<WebhookTarget> of(ServerConfig.Watcher config) {
        return config.webhookUrl().map(WebhookTarget::new);
    }

    String url(String notificationType, String account) {
        return template.replace("<notification_type>", encode(notificationType)).replace("<userId>", encode(account));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
