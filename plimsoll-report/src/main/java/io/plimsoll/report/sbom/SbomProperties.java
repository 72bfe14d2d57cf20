package io.plimsoll.report.sbom;

import io.plimsoll.catalog.Package;
import io.plimsoll.catalog.Provenance;
import io.plimsoll.image.Image;
import io.plimsoll.model.Digest;
import io.plimsoll.model.Distro;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code plimsoll:} name/value pairs an SBOM carries beside the standard fields: the layer that added a package,
 * the database file it was found in, its source package and the package manager's metadata. CycloneDX writes them as
 * component {@code properties}, SPDX as {@code OTHER} annotations whose comment is {@code NAME=VALUE} (SPDX 2.3 has
 * no key/value field). Reading them back makes an SBOM scan see the same packages an image scan saw, so the matcher
 * (which looks at source packages and metadata such as an RPM's modularity label or a jar's group id) gives the same
 * findings.
 */
public final class SbomProperties {

    public static final String PREFIX = "plimsoll:";
    public static final String LAYER_INDEX = "plimsoll:layer:index";
    public static final String LAYER_DIGEST = "plimsoll:layer:digest";
    public static final String LAYER_CREATED_BY = "plimsoll:layer:createdBy";
    public static final String LOCATION = "plimsoll:location";
    public static final String FOUND_BY = "plimsoll:foundBy";
    public static final String ARCH = "plimsoll:arch";
    public static final String SOURCE_NAME = "plimsoll:source:name";
    public static final String SOURCE_VERSION = "plimsoll:source:version";
    public static final String METADATA = "plimsoll:metadata:";
    public static final String DISTRO_CODENAME = "plimsoll:distro:codename";
    public static final String DISTRO_PRETTY_NAME = "plimsoll:distro:prettyName";
    public static final String DISTRO_ID_LIKE = "plimsoll:distro:idLike";
    public static final String IMAGE_MANIFEST_DIGEST = "plimsoll:image:manifestDigest";
    public static final String IMAGE_ID = "plimsoll:image:imageId";
    public static final String IMAGE_PLATFORM = "plimsoll:image:platform";
    public static final String IMAGE_TAG = "plimsoll:image:tag";
    public static final String IMAGE_LAYER = "plimsoll:image:layer:";

    private SbomProperties() {
    }

    public static Map<String, String> of(Package p) {
        Map<String, String> m = new LinkedHashMap<>();
        Provenance prov = p.provenance();
        if (prov != null) {
            m.put(LAYER_INDEX, String.valueOf(prov.layer()));
            prov.layerDigest().ifPresent(d -> m.put(LAYER_DIGEST, d.toString()));
            prov.createdBy().ifPresent(c -> m.put(LAYER_CREATED_BY, c));
        }
        putIf(m, LOCATION, p.location());
        putIf(m, FOUND_BY, p.foundBy());
        putIf(m, ARCH, p.arch());
        putIf(m, SOURCE_NAME, p.sourceName());
        putIf(m, SOURCE_VERSION, p.sourceVersion());
        new TreeMap<>(p.metadata()).forEach((k, v) -> putIf(m, METADATA + k, v));
        return m;
    }

    /** Image facts for the root component: digests, platform, tags and each layer's digest and Dockerfile step. */
    public static Map<String, String> of(Image img) {
        Map<String, String> m = new LinkedHashMap<>();
        img.manifestDigest().ifPresent(d -> m.put(IMAGE_MANIFEST_DIGEST, d.toString()));
        img.configDigest().ifPresent(d -> m.put(IMAGE_ID, d.toString()));
        m.put(IMAGE_PLATFORM, img.platform().toString());
        for (int i = 0; i < img.tags().size(); i++) {
            m.put(IMAGE_TAG + ":" + i, img.tags().get(i));
        }
        img.layers().forEach(l -> {
            m.put(IMAGE_LAYER + l.index() + ":digest", l.digest().map(Digest::toString).orElse(""));
            l.history().ifPresent(h -> m.put(IMAGE_LAYER + l.index() + ":createdBy", h.createdBy()));
        });
        m.values().removeIf(String::isEmpty);
        return m;
    }

    public static Map<String, String> of(Distro d) {
        Map<String, String> m = new LinkedHashMap<>();
        putIf(m, DISTRO_CODENAME, d.codename());
        putIf(m, DISTRO_PRETTY_NAME, d.prettyName());
        putIf(m, DISTRO_ID_LIKE, String.join(" ", d.idLike()));
        return m;
    }

    /** Rebuilds a package's provenance; layer -1 when the SBOM does not say (another tool wrote it). */
    public static Provenance provenance(Map<String, String> props) {
        int layer;
        try {
            layer = Integer.parseInt(props.getOrDefault(LAYER_INDEX, "-1"));
        } catch (NumberFormatException e) {
            layer = -1;
        }
        Optional<Digest> digest = Optional.ofNullable(props.get(LAYER_DIGEST)).flatMap(SbomProperties::digest);
        return new Provenance(layer, digest, Optional.ofNullable(props.get(LAYER_CREATED_BY)));
    }

    public static Map<String, String> metadata(Map<String, String> props) {
        Map<String, String> m = new TreeMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(METADATA)) {
                m.put(k.substring(METADATA.length()), v);
            }
        });
        return m;
    }

    public static Optional<Digest> digest(String s) {
        try {
            return Optional.of(Digest.parse(s));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }
}
