package io.plimsoll.fuzz.feed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plimsoll.ecosystem.alpine.AlpineSecdbUpdater;
import io.plimsoll.ecosystem.debian.DebianTrackerUpdater;
import io.plimsoll.ecosystem.osv.OsvEcosystem;
import io.plimsoll.ecosystem.osv.OsvUpdater;
import io.plimsoll.ecosystem.ubuntu.UbuntuOsvUpdater;
import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.enrichment.EpssUpdater;
import io.plimsoll.vuln.enrichment.KevUpdater;
import io.plimsoll.vuln.enrichment.NvdUpdater;
import io.plimsoll.vuln.feed.LocalFeedFetcher;
import io.plimsoll.vuln.feed.Updater;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One feed document through its updater, as {@code db update --from DIR} reads a mirror folder: the first byte of
 * an input picks the feed (modulo their count), the rest is the file. OSV and Ubuntu records are wrapped in an
 * {@code all.zip} of one entry, as the exports ship them; the last kind is the zip's own bytes.
 */
class FeedFuzzTest {

    /** A feed, the file its updater reads from a local folder, and whether the input is one record of a zip. */
    record Kind(String name, String file, Supplier<Updater> updater, boolean zipped) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("debian", "tracker/data/json", DebianTrackerUpdater::new, false),
            new Kind("alpine", "v3.18/main.json", AlpineSecdbUpdater::new, false),
            new Kind("alpine", "v3.18/main.yaml", AlpineSecdbUpdater::new, false),
            new Kind("kev", KevUpdater.FILE, KevUpdater::new, false),
            new Kind("epss", EpssUpdater.FILE, EpssUpdater::new, false),
            new Kind("nvd", "nvdcve-2.0-2024.json", NvdUpdater::new, false),
            new Kind("osv", "PyPI/all.zip", () -> new OsvUpdater(List.of(OsvEcosystem.PYPI)), true),
            new Kind("ubuntu", "all.zip", UbuntuOsvUpdater::new, true),
            new Kind("osv", "npm/all.zip", () -> new OsvUpdater(List.of(OsvEcosystem.NPM)), false));

    private static final Path ROOT = scratch();

    @FuzzTest
    void feedFile(byte[] input) throws IOException {
        int index = input.length == 0 ? 0 : Byte.toUnsignedInt(input[0]) % KINDS.size();
        Kind kind = KINDS.get(index);
        byte[] content = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        Path folder = ROOT.resolve(Integer.toString(index));
        Path file = folder.resolve(kind.file());
        Files.createDirectories(file.getParent());
        Files.write(file, kind.zipped() ? zipOf(content) : content);
        try {
            kind.updater().get().update(new LocalFeedFetcher(kind.name(), folder), new DiscardingSink());
        } catch (FeedException expected) {
            // bad input, reported as such: what we want
        }
    }

    static byte[] zipOf(byte[] record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("FUZZ-0001.json"));
            zip.write(record);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static Path scratch() {
        try {
            Path dir = Files.createTempDirectory("plimsoll-fuzz-feeds");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
