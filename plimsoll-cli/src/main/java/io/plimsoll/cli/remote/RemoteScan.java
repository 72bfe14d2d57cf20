package io.plimsoll.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.image.Image;
import io.plimsoll.image.Layer;
import io.plimsoll.image.layer.LayerReader;
import io.plimsoll.image.layer.TarLayerReader;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.model.Digest;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SourceStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * clair-scanner's flow over a Plimsoll server: the image is inventoried locally (the policy gates need its files),
 * its layers are pushed to the server unless it knows them, the server indexes and matches, and its
 * vulnerabilities are mapped back onto the local packages so VEX, policy and allowlist apply exactly as to a local
 * scan.
 */
public final class RemoteScan {

    private RemoteScan() {
    }

    /** What the layer step did: how many layers the server already had and how many were uploaded. */
    public record Layers(int known, int uploaded) {
    }

    /**
     * Makes sure the server knows every layer of the open image, uploading the stored blobs it lacks. Only sources
     * with layer blobs (archives, OCI layouts, registries) can do this.
     */
    public static Layers ensureLayers(ServerClient client, ImageSource source) {
        checkHasBlobs(source);
        int known = 0;
        int uploaded = 0;
        Set<Digest> seen = new LinkedHashSet<>();
        for (Layer layer : source.image().layers()) {
            Digest d = layer.digest().orElseThrow();
            if (!seen.add(d)) {
                continue;
            }
            if (client.hasLayer(d)) {
                known++;
                continue;
            }
            TarLayerReader reader = (TarLayerReader) source.reader(layer);
            client.uploadLayer(d, reader.blob());
            uploaded++;
        }
        return new Layers(known, uploaded);
    }

    /** Refuses, before any work, an image whose layers have no blobs to send (a {@code dir:} root filesystem). */
    public static void checkHasBlobs(ImageSource source) {
        for (Layer layer : source.image().layers()) {
            LayerReader reader = source.reader(layer);
            if (layer.digest().isEmpty() || !(reader instanceof TarLayerReader)) {
                throw new ServerException(source.image().name() + " has no layer blobs to send to the server (a "
                        + "root filesystem directory): use an image archive or registry reference with --server");
            }
        }
    }

    /** The digest the server files the image under: its manifest's, or its config's when it has no manifest. */
    public static Digest manifestHash(Image image) {
        return image.manifestDigest().or(image::configDigest).orElseThrow(() -> new ServerException(
                image.name() + " has neither a manifest nor a config digest to index it under"));
    }

    /** Clair's manifest for the image; layer URIs name the server itself (it never fetches known layers). */
    public static ObjectNode manifest(ServerClient client, Image image) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("hash", manifestHash(image).toString());
        var layers = m.putArray("layers");
        for (Layer layer : image.layers()) {
            Digest d = layer.digest().orElseThrow();
            ObjectNode l = layers.addObject();
            l.put("hash", d.toString()).put("uri", client.layerUri(d));
            if (layer.mediaType() != null && !layer.mediaType().isEmpty()) {
                l.put("media_type", layer.mediaType());
            }
            l.putObject("headers");
        }
        return m;
    }

    /**
     * The data's state from the server's feed list (Anchore's {@code /v1/system/feeds}: groups are the sources);
     * without one, the data's age is unknown.
     */
    public static DataFreshness freshness(Optional<JsonNode> feeds, String server, List<String> expected,
                                          Duration maxAge, Instant now) {
        Path where = Path.of("plimsoll server " + java.net.URI.create(server).getAuthority());
        if (feeds.isEmpty()) {
            return DataFreshness.ageUnknown(where, maxAge, now);
        }
        List<SourceStatus> sources = new ArrayList<>();
        for (JsonNode feed : feeds.get()) {
            for (JsonNode g : feed.path("groups")) {
                Optional<Instant> synced = instant(g.path("last_sync").asText(""));
                Optional<String> error = Optional.ofNullable(g.path("last_error").textValue()).filter(s -> !s.isEmpty());
                sources.add(new SourceStatus(g.path("name").asText(), server, synced, synced.orElse(now), error,
                        g.path("record_count").asLong(0), "", Map.of(), Map.of()));
            }
        }
        return DataFreshness.of(where, sources, expected, maxAge, now);
    }

    private static Optional<Instant> instant(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
