package io.plimsoll.server.http;

import io.plimsoll.image.net.AddressGuard;
import io.plimsoll.image.net.AddressRefusedException;
import io.plimsoll.image.net.HttpClients;
import io.plimsoll.image.net.PinnedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the server's outgoing webhooks (Clair notifications, Anchore-style watch events) share: one POST whose
 * failure is a sentence kept on the delivery row, and the retry schedule of a delivery that failed.
 *
 * <p>The POST goes through the address guard on a pinned connection, as every outbound fetch does. A webhook is the
 * operator's setting, and its receiver is often on the site's own network, so private networks and loopback are
 * allowed (the guard's on-premises form); link-local (cloud metadata), {@code 0.0.0.0} and the other special blocks
 * are not, unless {@code indexer.allow_private_addresses} is set. The host is resolved once per POST and the
 * connection goes to the checked address (no DNS rebinding), and a redirect is not followed.
 */
public final class WebhookPost implements AutoCloseable {

    /** What is read of a receiver's answer: its status is all that counts. */
    private static final int MAX_ANSWER_BYTES = 64 << 10;

    private final PinnedHttp http;

    /**
     * @param allowPrivateAddresses {@code indexer.allow_private_addresses}: every address allowed
     * @param timeout               to connect, and the longest stall while the answer is read
     */
    public WebhookPost(boolean allowPrivateAddresses, Duration timeout) {
        AddressGuard guard = allowPrivateAddresses ? new AddressGuard(true) : AddressGuard.onPremises();
        this.http = HttpClients.system().pinned(guard, timeout, timeout, Optional.empty());
    }

    /** POSTs {@code body}; null on a 2xx answer, else why not, as stored in the delivery's {@code last_error}. */
    public String send(URI url, Map<String, String> headers, byte[] body) {
        try {
            PinnedHttp.Response r = http.send(url, "POST", headers, body);
            try (InputStream in = r.body()) {
                in.readNBytes(MAX_ANSWER_BYTES); // read to its end (when short), the connection can be kept
            }
            return r.status() / 100 == 2 ? null : "webhook answered HTTP " + r.status();
        } catch (AddressRefusedException e) {
            return "webhook refused: " + e.getMessage();
        } catch (IOException e) {
            return "webhook unreachable: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (IllegalArgumentException e) {
            return "webhook not sent: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        http.close();
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
