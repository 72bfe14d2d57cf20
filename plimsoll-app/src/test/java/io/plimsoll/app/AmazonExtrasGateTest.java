package io.plimsoll.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plimsoll.catalog.SkippedPaths;
import io.plimsoll.ecosystem.amazon.AmazonFeedTree;
import io.plimsoll.ecosystem.amazon.AmazonUpdateInfoUpdater;
import io.plimsoll.ecosystem.rpm.repodata.ErrataImages;
import io.plimsoll.image.ImageOptions;
import io.plimsoll.image.ImageReferences;
import io.plimsoll.image.source.ImageSource;
import io.plimsoll.image.source.ImageSources;
import io.plimsoll.image.walk.LayerWalker;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.store.SourceStatus;
import io.plimsoll.vuln.store.SqliteVulnStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data gate over Amazon Linux 2's extras topics, on a real AL2 root filesystem (os-release, an rpmdb, yum's
 * from_repo records) and a database the amazon updater wrote: a package from a topic that was never read leaves
 * its findings unknown, so the gate stops naming the topic's part ({@code amazon/extras/nginx1}) until it is read or
 * accepted; a topic that was read is judged by its part, even when it published no security advisory.
 */
class AmazonExtrasGateTest {

    /** Amazon Linux 2's os-release as its images ship it. */
    private static final String AL2 = "NAME=\"Amazon Linux\"\nVERSION=\"2\"\nID=\"amzn\"\nID_LIKE=\"centos rhel fedora\"\n"
            + "VERSION_ID=\"2\"\nPRETTY_NAME=\"Amazon Linux 2\"\nANSI_COLOR=\"0;33\"\n"
            + "CPE_NAME=\"cpe:2.3:o:amazon:amazon_linux:2\"\nHOME_URL=\"https://amazonlinux.com/\"\n";

    @TempDir
    Path tmp;

    private Path db;

    /** Core with a bash advisory, and the topics docker (one advisory) and vim (bug fixes only) read; nginx1 not. */
    private void loadTheAmazonFeed() throws Exception {
        AmazonFeedTree.at(tmp.resolve("feeds/amazon"))
                .core(AmazonFeedTree.securityUpdate("ALAS2-2024-2500", "CVE-2024-0001", "bash", "4.2.46", "35.amzn2"))
                .topic("docker", AmazonFeedTree.securityUpdate("ALAS2DOCKER-2023-024", "CVE-2023-28840", "docker",
                        "20.10.25", "1.amzn2.0.4"))
                .topic("vim", "<update type=\"bugfix\"><id>ALAS2VIM-2023-001</id><pkglist><collection><package "
                        + "arch=\"x86_64\" epoch=\"2\" name=\"vim-enhanced\" release=\"1.amzn2\" version=\"9.0.1592\"/>"
                        + "</collection></pkglist></update>");
        db = tmp.resolve("vuln.db");
        UpdateRunner.Report report = new UpdateRunner(List.of(new AmazonUpdateInfoUpdater(List.of("docker", "vim"))),
                FeedProgress.NONE, 1).run(db, new UpdateRunner.LocalDirectory(tmp.resolve("feeds")));
        assertThat(report.allOk()).isTrue();
    }

    /** An AL2 root: bash from core below its fix, docker from its topic below the topic's fix, vim from its topic. */
    private ErrataImages root() {
        return ErrataImages.withOsRelease(AL2)
                .rpm("bash", null, "4.2.46", "34.amzn2", null)
                .rpm("docker", null, "20.10.25", "1.amzn2.0.3", null)
                .rpm("vim-enhanced", 2, "9.0.1592", "1.amzn2", null)
                .fromRepo("bash", "4.2.46", "34.amzn2", "amzn2-core")
                .fromRepo("docker", "20.10.25", "1.amzn2.0.3", "amzn2extra-docker")
                .fromRepo("vim-enhanced", "9.0.1592", "1.amzn2", "amzn2extra-vim");
    }

    private ScanResult scan(ErrataImages image, String name, DataGate gate) throws Exception {
        if (db == null) {
            loadTheAmazonFeed();
        }
        Path root = tmp.resolve(name);
        image.inventory(root); // writes the root filesystem
        try (SqliteVulnStore store = SqliteVulnStore.open(db);
             ImageSource source = ImageSources.open(ImageReferences.parse("dir:" + root), ImageOptions.DEFAULT)) {
            ScanRequest request = new ScanRequest(new LocalFindings(Optional.of(store), db), Set.of("amazon"),
                    Duration.ofHours(72), true, gate, Optional.of(PolicyCheck.load(List.of(), List.of(), "high", false,
                    null, List.of(), null, List.of(), "10MiB")), SkippedPaths.NONE, List.of(), Optional.empty(),
                    s -> true, false, Optional.empty(), "test", w -> { });
            return new ScanService(request).scan(new ScanInput.OpenedImage(source,
                    new LayerWalker(1, ImageOptions.DEFAULT.limits())));
        }
    }

    private static List<String> findings(ScanResult result) {
        return result.report().findings().stream().map(f -> f.pkg().name() + " " + f.advisory().id() + " "
                + f.namespace()).toList();
    }

    @Test
    void withEveryTopicItsPackagesCameFromReadTheScanMatchesAsBefore() throws Exception {
        ScanResult result = scan(root(), "read", DataGate.STRICT);
        assertThat(findings(result)).containsExactly("bash ALAS2-2024-2500 amzn:2",
                "docker ALAS2DOCKER-2023-024 amzn:2:extras:docker");
        // vim's topic was read and has no security advisory: checked, nothing found, not a gap
        assertThat(result.report().data().missing()).isEmpty();
        assertThat(result.report().notes()).noneMatch(n -> n.contains("vim"));
    }

    @Test
    void aPackageFromATopicThatWasNeverReadStopsTheGateNamingTheTopicUnlessAccepted() throws Exception {
        ErrataImages withNginx = root().rpm("nginx", 1, "1.22.1", "1.amzn2.0.3", null)
                .fromRepo("nginx", "1.22.1", "1.amzn2.0.3", "amzn2extra-nginx1");
        assertThatThrownBy(() -> scan(withNginx, "gated", DataGate.STRICT)).isInstanceOf(ScanException.class)
                .satisfies(e -> {
                    String first = e.getMessage().lines().findFirst().orElseThrow();
                    assertThat(first).endsWith("missing or stale: amazon/extras/nginx1 (no data)");
                    assertThat(e.getMessage()).contains("--allow-missing-data amazon/extras/nginx1 ");
                });

        ScanResult accepted = scan(withNginx, "accepted", DataGate.parse(List.of("amazon/extras/nginx1")));
        assertThat(findings(accepted)).containsExactly("bash ALAS2-2024-2500 amzn:2",
                "docker ALAS2DOCKER-2023-024 amzn:2:extras:docker");
        assertThat(accepted.report().notes())
                .contains("accepted missing data (--allow-missing-data): amazon/extras/nginx1 (no data)");
        // all of amazon's extras are accepted by their common prefix, as a source accepts its parts
        assertThat(findings(scan(withNginx, "prefix", DataGate.parse(List.of("amazon/extras"))))).hasSize(2);
    }

    @Test
    void aServersFeedListJudgesATopicByItsOwnGroup() {
        // /v1/system/feeds lists each part as a group of its own: a topic it does not list was never read
        Instant now = Instant.now();
        List<SourceStatus> listed = List.of(
                new SourceStatus("amazon", "server", Optional.of(now), now, Optional.empty(), 3, "", Map.of(), Map.of()),
                new SourceStatus("amazon/extras/docker", "server", Optional.of(now), now, Optional.empty(), 1, "",
                        Map.of(), Map.of()));
        DataFreshness data = DataFreshness.of(Path.of("server"), listed,
                List.of("amazon", "amazon/extras/docker", "amazon/extras/nginx1"), Duration.ofHours(72), now);
        assertThat(data.missing()).containsExactly("amazon/extras/nginx1");
    }
}
