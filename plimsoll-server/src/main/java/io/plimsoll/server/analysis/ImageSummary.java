package io.plimsoll.server.analysis;

import io.plimsoll.policy.gate.ImageName;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An account's image record as the web UI shows it (the stored record itself stays inside this package).
 *
 * @param id     the record id: what the UI's links name, since a failed tag never got a digest
 * @param status Anchore's analysis status: {@code not_analyzed}, {@code analyzing}, {@code analyzed},
 *               {@code analysis_failed}
 */
public record ImageSummary(String id, Optional<String> tag, String pullReference, Optional<String> digest,
                           String status, Optional<String> error, Instant createdAt, Optional<Instant> analyzedAt,
                           Optional<String> distro, int packageCount, Map<String, String> annotations,
                           boolean withDockerfile) {

    static ImageSummary of(ImageRecord r) {
        return new ImageSummary(r.id(), r.tag(), r.pullReference(), r.digest(), r.status(), r.error(), r.createdAt(),
                r.analyzedAt(), r.distro(), r.packageCount(), r.annotations(), r.dockerfile().isPresent());
    }

    public boolean analysed() {
        return status.equals(ImageRecord.ANALYZED) && digest.isPresent();
    }

    /** Registry, repository and tag as the policy mappings read them. */
    public ImageName name() {
        return ImageName.parse(tag.orElse(pullReference));
    }

    /** {@code registry/repository}. */
    public String repository() {
        ImageName n = name();
        return n.registry() + "/" + n.repository();
    }

    /** The tag, or empty for an image submitted by digest alone. */
    public Optional<String> tagName() {
        return tag.map(t -> name().tag());
    }
}
