package io.plimsoll.policy.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.catalog.testing.StreamedFiles;
import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.image.walk.FileInterest;
import io.plimsoll.image.walk.LayerFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The secret rules with their default skips over real files nobody planted a secret in, together with
 * {@link Planted#cases()}: every hit outside a planted file is a false positive, every planted file must give exactly
 * its rules. Prints files, bytes, hits, precision and recall.
 *
 * <p>(a) The claircore and syft test corpora from {@code ../shared} (skipped when absent); (b) a root file system
 * named by {@value #ROOT_ENV} (or {@code -D}{@value #ROOT_PROPERTY}), e.g. a debootstrap'ed Debian with python3,
 * ruby and perl (skipped when unset): {@code debootstrap --variant=minbase --include=python3,ruby,perl bookworm DIR}.
 * {@value #PATHS_ENV} (or {@code -D}{@value #PATHS_PROPERTY}), a {@code :}-separated list of absolute paths, limits
 * the walk to those folders of the root, e.g. {@code /usr/lib/python3:/usr/lib/ruby:/usr/share/perl} with the root
 * {@code /}.
 */
class SecretCorpusTest {

    static final String ROOT_ENV = "PLIMSOLL_SECRET_CORPUS_ROOT";
    static final String ROOT_PROPERTY = "plimsoll.secretCorpusRoot";
    static final String PATHS_ENV = "PLIMSOLL_SECRET_CORPUS_PATHS";
    static final String PATHS_PROPERTY = "plimsoll.secretCorpusPaths";

    /** Planted files go to a layer of their own, so a corpus file at the same path is still judged as corpus. */
    private static final int PLANTED_LAYER = 1;

    @Test
    void sharedCorporaGiveNoFalsePositivesAndEveryPlantedSecretIsFound() throws IOException {
        Path claircore = SharedCorpus.require("corpus/claircore");
        Path syft = SharedCorpus.require("corpus/syft");
        Run run = new Run();
        run.walk(claircore, "/claircore");
        run.walk(syft, "/syft");
        run.finishAndAssert("claircore+syft");
    }

    @Test
    void aRootFileSystemGivesNoFalsePositivesAndEveryPlantedSecretIsFound() throws IOException {
        String root = setting(ROOT_ENV, ROOT_PROPERTY);
        Assumptions.assumeTrue(!root.isBlank(), "Skipped: set " + ROOT_ENV + " (or -D" + ROOT_PROPERTY
                + ") to a root file system to scan, e.g. a debootstrap'ed Debian 12 with python3, ruby and perl");
        Path dir = Path.of(root);
        Assumptions.assumeTrue(Files.isDirectory(dir), "Skipped: " + ROOT_ENV + "=" + root + " is not a directory");
        String paths = setting(PATHS_ENV, PATHS_PROPERTY);
        Run run = new Run();
        if (paths.isBlank()) {
            run.walk(dir, "");
        } else {
            for (String p : paths.split(":")) {
                Path sub = dir.resolve(p.replaceFirst("^/+", ""));
                Assumptions.assumeTrue(p.startsWith("/") && Files.isDirectory(sub), "Skipped: " + PATHS_ENV
                        + " names " + p + ", which is not an absolute path of a folder under " + dir);
                run.walk(sub, p.replaceFirst("/+$", ""));
            }
        }
        run.finishAndAssert(paths.isBlank() ? root : root + " " + paths);
    }

    private static String setting(String env, String property) {
        return Optional.ofNullable(System.getenv(env)).filter(s -> !s.isBlank())
                .orElse(System.getProperty(property, ""));
    }

    /** One scan: the corpus files in layer 0, the planted files in their own layer, then the judgement. */
    private static final class Run {
        final ContentScanner scanner = new ContentScanner();
        long files;
        long skippedByPath;
        long read;
        long bytes;

        /** Feeds every regular file under {@code dir} as {@code prefix/relative/path}, as a layer walk would. */
        void walk(Path dir, String prefix) throws IOException {
            FileStore store = Files.getFileStore(dir);
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    // a live root has /proc, /sys and /dev mounted; an image has them empty
                    return d.equals(dir) || Files.getFileStore(d).equals(store) ? FileVisitResult.CONTINUE
                            : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        String rel = dir.relativize(f).toString().replace('\\', '/');
                        offer(prefix + "/" + rel, 0, attrs.size(), () -> Files.newInputStream(f));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable (a socket, a permission): not text anyone ships
                }
            });
        }

        interface Content {
            InputStream open() throws IOException;
        }

        void offer(String path, int layer, long size, Content content) throws IOException {
            files++;
            LayerEntry e = StreamedFiles.regular(path, 0644, size);
            FileInterest interest = scanner.interest();
            if (!interest.wants(e)) {
                skippedByPath += size > 0 ? 1 : 0;
                return;
            }
            read++;
            bytes += size;
            try (InputStream in = content.open()) {
                interest.accept(new LayerFile(path, layer, Optional.empty(), e), in);
            }
        }

        void finishAndAssert(String corpus) throws IOException {
            List<Planted.Case> cases = Planted.cases();
            for (Planted.Case c : cases) {
                byte[] b = c.bytes();
                offer(c.path(), PLANTED_LAYER, b.length, () -> new java.io.ByteArrayInputStream(b));
            }
            scanner.catalog(StreamedFiles.allLayers());
            ContentFindings f = scanner.findings();

            List<String> falsePositives = new ArrayList<>();
            Set<String> found = new HashSet<>();
            int truePositives = 0;
            var expected = new TreeMap<String, Set<String>>();
            for (Planted.Case c : cases) {
                expected.put(c.path(), c.rules());
            }
            for (ContentHit h : f.secrets()) {
                Set<String> rules = h.layer() == PLANTED_LAYER ? expected.get(h.path()) : null;
                if (rules != null && rules.contains(h.rule())) {
                    truePositives++;
                    found.add(h.path() + " " + h.rule());
                } else {
                    falsePositives.add(h.rule() + " " + h.path() + ":" + h.line() + " " + h.masked());
                }
            }
            List<String> missed = new ArrayList<>();
            int plantedSecrets = 0;
            for (Planted.Case c : cases) {
                for (String rule : c.rules()) {
                    plantedSecrets++;
                    if (!found.contains(c.path() + " " + rule)) {
                        missed.add(rule + " in " + c.path() + " (" + c.name() + ")");
                    }
                }
            }
            int hits = f.secrets().size();
            double precision = hits == 0 ? 1 : (double) truePositives / hits;
            double recall = (double) (plantedSecrets - missed.size()) / plantedSecrets;
            System.out.printf(Locale.ROOT, "secret corpus %s: %d files, %d skipped by path, %d read (%.1f MB), "
                            + "%s; %d hits: %d planted, %d false positives; %d of %d planted secrets found; "
                            + "precision %.3f, recall %.3f%n", corpus, files, skippedByPath, read, bytes / 1e6,
                    String.join("; ", f.skipped().stream().filter(s -> s.contains("binary")).toList()), hits,
                    truePositives, falsePositives.size(), plantedSecrets - missed.size(), plantedSecrets, precision,
                    recall);
            falsePositives.forEach(fp -> System.out.println("  false positive: " + fp));
            missed.forEach(m -> System.out.println("  missed: " + m));
            assertThat(falsePositives).as("hits in files nobody planted a secret in").isEmpty();
            assertThat(missed).as("planted secrets not found").isEmpty();
        }
    }
}
