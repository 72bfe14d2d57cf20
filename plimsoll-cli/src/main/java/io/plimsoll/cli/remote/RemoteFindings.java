package io.plimsoll.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.plimsoll.app.FindingSource;
import io.plimsoll.app.ScanException;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.model.Digest;
import io.plimsoll.report.scan.AdviceView;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Findings from a Plimsoll server ({@code scan --server}): the image's layers are checked for blobs before the walk
 * and the ones the server lacks are uploaded after it; the server's feeds give the data's state, and its index and
 * vulnerability report give the findings. A failing server is a {@link ScanException} naming it (exit 2).
 */
public record RemoteFindings(ServerClient client, boolean adviceRequired) implements FindingSource {

    /** For {@code scan --server}: advice when the server gives it (one without the route leaves it out). */
    public RemoteFindings(ServerClient client) {
        this(client, false);
    }

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

    /**
     * The server's advice for the image it indexed (its data, its advisor), laid onto the findings shown here; which
     * layers are the base's is told here, from the image's history or {@code advise --base}, which the server does
     * not have. A server without the route gives none, which only {@code advise} refuses.
     */
    @Override
    public Optional<Advice> advice(Inventory inventory, List<Finding> findings, BaseImage base) {
        return call(() -> {
            String digest = RemoteScan.manifestHash(inventory.image()).toString();
            Optional<JsonNode> doc = client.advice(digest);
            if (doc.isEmpty()) {
                if (adviceRequired) {
                    throw new ServerException("the Plimsoll server at " + client.base() + " gives no fix advice ("
                            + "GET " + client.advicePath(digest) + " is not found): it is older than this client");
                }
                return Optional.empty();
            }
            try {
                return Optional.of(AdviceView.read(doc.get(), findings, inventory.image().layers(), base));
            } catch (IllegalArgumentException e) {
                throw new ServerException("the Plimsoll server at " + client.base() + " answered GET "
                        + client.advicePath(digest) + " with " + e.getMessage());
            }
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
