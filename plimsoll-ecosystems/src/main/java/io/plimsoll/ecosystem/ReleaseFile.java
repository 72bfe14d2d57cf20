package io.plimsoll.ecosystem;

import io.plimsoll.model.Distro;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A file older than os-release that names a distribution by itself, for images without os-release. Files are
 * tried by {@code rank}, lowest first, and the first that says something usable decides: the most specific come
 * first, because a derivative keeps its parent's file beside its own (Oracle Linux has a Red Hat branded
 * {@code redhat-release}). The detector's own generic files sit at {@link #CPE_RANK} and {@link #LAST_RANK}.
 *
 * @param path     absolute path in the image
 * @param rank     where it is tried among every registered distribution's files
 * @param reader   what the file's content says; empty when nothing usable
 * @param onlyWith the file is only read when one of these paths exists ({@code /etc/debian_version} only beside a
 *                 dpkg database); empty for always
 */
public record ReleaseFile(String path, int rank, Function<byte[], Optional<Distro>> reader, List<String> onlyWith) {

    /** {@code /etc/system-release-cpe}: after every distribution's named release file. */
    public static final int CPE_RANK = 70;

    /** A BusyBox binary's banner: the last resort. */
    public static final int LAST_RANK = 90;

    public ReleaseFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reader, "reader");
        onlyWith = List.copyOf(onlyWith);
    }

    public static ReleaseFile of(String path, int rank, Function<byte[], Optional<Distro>> reader) {
        return new ReleaseFile(path, rank, reader, List.of());
    }
}
