package io.plimsoll.cli.remote;

import io.plimsoll.app.FindingSource;
import io.plimsoll.app.ScanException;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.model.Digest;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Findings from a Plimsoll server ({@code scan --server}): the image's layers are checked for blobs before the walk
 * and the ones the server lacks are uploaded after it; the server's feeds give the data's state, and its index and
 * vulnerability report give the findings. A failing server is a {@link ScanException} naming it (exit 2).
 */
public record RemoteFindings(ServerClient client) implements FindingSource {

    @Override
    public void beforeWalk(ImageSource source) {
        call(() -> {
            RemoteScan.checkHasBlobs(source);
            return null;
        });
    }

    @Override
    public void afterWalk(ImageSource source) {
        call(() -> RemoteScan.ensureLayers(client, source));
    }

    @Override
    public DataFreshness freshness(List<String> expected, Duration maxAge, Instant now) {
        return call(() -> RemoteScan.freshness(client.feeds(), client.base(), expected, maxAge, now));
    }

    @Override
    public List<Finding> findings(Inventory inventory) {
        return call(() -> {
            Digest hash = RemoteScan.manifestHash(inventory.image());
            client.index(RemoteScan.manifest(client, inventory.image()));
            // read by the server's Clair package, the one place that knows Clair's JSON
            return io.plimsoll.server.clair.ClairFindings.read(client.vulnerabilityReport(hash.toString()),
                    inventory.packages(), client.base());
        });
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (ServerException e) {
            throw new ScanException(e.getMessage());
        }
    }
}
