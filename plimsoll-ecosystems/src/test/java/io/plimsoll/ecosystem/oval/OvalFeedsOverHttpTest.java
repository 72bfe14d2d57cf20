package io.plimsoll.ecosystem.oval;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.ecosystem.azurelinux.AzureLinuxEcosystem;
import io.plimsoll.ecosystem.oracle.OracleEcosystem;
import io.plimsoll.image.testing.SharedCorpus;
import io.plimsoll.vuln.feed.FeedProgress;
import io.plimsoll.vuln.feed.HttpSettings;
import io.plimsoll.vuln.feed.UpdateRunner;
import io.plimsoll.vuln.feed.Updater;
import io.plimsoll.vuln.store.SqliteVulnStore;
import io.plimsoll.vuln.testing.FeedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OVAL sources fetched over HTTP at their real paths below their base URLs, and a 404 for one file: that source
 * fails alone and keeps its previous data, the other updates.
 */
class OvalFeedsOverHttpTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingFileFailsItsSourceAloneAndKeepsItsData() throws Exception {
        Path oracle = Files.createDirectories(tmp.resolve("www/oracle/security/oval"));
        Files.copy(SharedCorpus.require("feeds/vuln-list-update/oracle/oval/testdata/all-positive-data.xml.bz2"),
                oracle.resolve("com.oracle.elsa-all.xml.bz2"));
        Path azure = Files.createDirectories(tmp.resolve("www/azure/microsoft/AzureLinuxVulnerabilityData/main"));
        Path happy = SharedCorpus.require("feeds/vuln-list-update/mariner/testdata/happy");
        Files.copy(happy.resolve("azurelinux-3.0-oval.xml"), azure.resolve("azurelinux-3.0-oval.xml"));
        Files.copy(happy.resolve("cbl-mariner-2.0-preview-oval.xml"), azure.resolve("cbl-mariner-2.0-oval.xml"));
        Files.copy(happy.resolve("cbl-mariner-1.0-oval.xml"), azure.resolve("cbl-mariner-1.0-oval.xml"));
        List<Updater> updaters = new ArrayList<>(OracleEcosystem.DESCRIPTOR.updaters().get());
        updaters.addAll(AzureLinuxEcosystem.DESCRIPTOR.updaters().get());
        Path db = tmp.resolve("vuln.db");
        try (FeedServer server = new FeedServer()) {
            server.mount("oracle/security/oval", oracle)
                    .mount("azure/microsoft/AzureLinuxVulnerabilityData/main", azure);
            UpdateRunner.Network net = new UpdateRunner.Network(Map.of(
                    "oracle", server.url("oracle/security/oval"),
                    "azurelinux", server.url("azure/microsoft/AzureLinuxVulnerabilityData/main")),
                    tmp.resolve("cache"), HttpSettings.defaults().withBackoff(Duration.ofMillis(10)));
            UpdateRunner runner = new UpdateRunner(updaters, FeedProgress.NONE, 2);
            assertThat(runner.run(db, net).allOk()).isTrue();
            assertThat(server.requests).contains("/oracle/security/oval/com.oracle.elsa-all.xml.bz2",
                    "/azure/microsoft/AzureLinuxVulnerabilityData/main/cbl-mariner-1.0-oval.xml");
            Map<String, Map<String, Long>> before;
            try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
                before = store.counts();
            }
            assertThat(before.get("oracle").get("affected")).isEqualTo(109L);
            assertThat(before.get("azurelinux").get("affected")).isEqualTo(10L);

            server.fault("/azure/microsoft/AzureLinuxVulnerabilityData/main/cbl-mariner-1.0-oval.xml",
                    n -> FeedServer.Fault.status(404));
            UpdateRunner.Report report = runner.run(db, net);
            assertThat(report.outcomes()).filteredOn(o -> o.source().equals("azurelinux")).singleElement()
                    .satisfies(o -> {
                        assertThat(o.ok()).isFalse();
                        assertThat(o.error()).hasValueSatisfying(e -> assertThat(e).contains("cbl-mariner-1.0-oval.xml"));
                    });
            assertThat(report.outcomes()).filteredOn(o -> o.source().equals("oracle")).singleElement()
                    .satisfies(o -> assertThat(o.ok()).isTrue());
            try (SqliteVulnStore store = SqliteVulnStore.open(db)) {
                assertThat(store.counts()).isEqualTo(before);
                assertThat(store.affected("azurelinux:3.0", "golang")).hasSize(1);
            }
        }
    }
}
