package io.plimsoll.server.vulndb;

import io.plimsoll.image.testing.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The real samples of the rpm and apk distributions' feeds (vuln-list-update's testdata, claircore's Amazon mirror
 * lists) laid out as {@code --from DIR} reads them: {@code DIR/<source>/<path below the real base URL>}.
 */
final class DistroFeedSamples {

    static final List<String> SOURCES = List.of("suse", "amazon", "oracle", "photon", "azurelinux", "wolfi",
            "chainguard", "alma", "rocky");

    private static final String LIST = "feeds/vuln-list-update/";

    private DistroFeedSamples() {
    }

    /** Writes every source in {@link #SOURCES} under {@code from}. */
    static void layOut(Path from) throws IOException {
        copyFolder(SharedCorpus.require(LIST + "suse/cvrf/testdata/cvrf"), from.resolve("suse/cvrf"));

        String aws = "corpus/claircore/aws/testdata/";
        String amazon = LIST + "amazon/testdata/fixtures/";
        repository(from.resolve("amazon"), "2/core/latest/x86_64/mirror.list", aws + "mirrors_linux2.txt",
                amazon + "updateinfo_2_items.xml.gz");
        repository(from.resolve("amazon"), "al2023/core/mirrors/latest/x86_64/mirror.list",
                aws + "mirrors_linux2023.txt", amazon + "updateinfo_AL2023.xml.gz");

        copy(LIST + "oracle/oval/testdata/all-positive-data.xml.bz2", from.resolve("oracle/com.oracle.elsa-all.xml.bz2"));

        for (String file : List.of("photon_versions.json", "cve_data_photon1.0.json", "cve_data_photon2.0.json",
                "cve_data_photon3.0.json")) {
            copy(LIST + "photon/testdata/" + file, from.resolve("photon/" + file));
        }

        Map.of("azurelinux-3.0-oval.xml", "azurelinux-3.0-oval.xml",
                "cbl-mariner-2.0-oval.xml", "cbl-mariner-2.0-preview-oval.xml",
                "cbl-mariner-1.0-oval.xml", "cbl-mariner-1.0-oval.xml").forEach((name, sample) ->
                copy(LIST + "mariner/testdata/happy/" + sample, from.resolve("azurelinux/" + name)));

        copy(LIST + "wolfi/testdata/security.json", from.resolve("wolfi/os/security.json"));
        copy(LIST + "chainguard/testdata/security.json", from.resolve("chainguard/chainguard/security.json"));
        copy(LIST + "alma/testdata/errata.json", from.resolve("alma/8/errata.json"));

        Path repodata = from.resolve("rocky/vault/rocky/8.5/BaseOS/x86_64/os/repodata");
        String rocky = LIST + "rocky/testdata/fixtures/happy/";
        copy(rocky + "repomd.xml", repodata.resolve("repomd.xml"));
        try (InputStream in = Files.newInputStream(SharedCorpus.require(rocky + "updateinfo.xml"));
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(repodata.resolve("updateinfo.xml.gz")))) {
            in.transferTo(out);
        }
    }

    /** A mirror list naming an absolute repository URL, and that repository's repomd.xml and updateinfo under it. */
    private static void repository(Path root, String mirrorList, String mirrors, String updateinfo)
            throws IOException {
        copy(mirrors, root.resolve(mirrorList));
        String url = Files.readString(root.resolve(mirrorList)).strip();
        Path repodata = root.resolve(url.substring(url.indexOf("amazonlinux.com/") + "amazonlinux.com/".length()))
                .resolve("repodata");
        copy(LIST + "amazon/testdata/fixtures/repomd_valid.xml", repodata.resolve("repomd.xml"));
        // the sample is gzip already; written through again so repomd's checksum mismatch is the only oddity
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedCorpus.require(updateinfo)));
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(repodata.resolve("updateinfo.xml.gz")))) {
            in.transferTo(out);
        }
    }

    private static void copy(String sample, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(SharedCorpus.require(sample), to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
