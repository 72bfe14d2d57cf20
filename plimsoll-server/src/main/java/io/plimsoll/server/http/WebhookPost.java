package io.plimsoll.server.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the server's outgoing webhooks (Clair notifications, Anchore-style watch events) share: one POST whose
 * failure is a sentence kept on the delivery row, and the retry schedule of a delivery that failed.
 */
public final class WebhookPost {

    private WebhookPost() {
    }

    /** Sends the request; null on a 2xx answer, else why not, as stored in the delivery's {@code last_error}. */
    public static String send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2 ? null : "webhook answered HTTP " + r.statusCode();
        } catch (java.io.IOException e) {
            return "webhook unreachable: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted (shutting down)";
        }
    }

    /** {@code first × 2^attempts}, capped at {@code max}: the wait before the next try of a failed delivery. */
    public static Duration backoff(Duration first, Duration max, int attempts) {
        Duration d = first;
        for (int i = 0; i < attempts && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
