package io.plimsoll.policy.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatesTest {

    @Test
    void everyGateAndTriggerByItsAnchoreName() {
        assertThat(Gates.all()).extracting(Gate::name).contains("always", "dockerfile", "files", "passwd_file",
                "metadata", "distro", "packages", "licenses", "vulnerabilities", "malware").doesNotHaveDuplicates();
        assertThat(triggers("dockerfile")).containsExactly("instruction", "effective_user", "exposed_ports",
                "no_dockerfile_provided");
        assertThat(triggers("files")).containsExactlyInAnyOrder("name_match", "attribute_match",
                "content_regex_match", "suid_or_guid_set");
        assertThat(triggers("passwd_file")).containsExactlyInAnyOrder("content_not_available", "blacklist_usernames",
                "blacklist_userids", "blacklist_groupids", "blacklist_shells", "blacklist_full_entry");
        assertThat(triggers("packages")).containsExactlyInAnyOrder("required_package", "blacklist", "verify");
        assertThat(triggers("vulnerabilities")).contains("package", "stale_feed_data",
                "vulnerability_data_unavailable");
        assertThat(triggers("malware")).containsExactlyInAnyOrder("scans", "scan_not_run");
        for (Gate g : Gates.all()) {
            assertThat(g.description()).as(g.name()).isNotBlank();
            for (Trigger t : g.triggers()) {
                assertThat(t.description()).as(g.name() + "/" + t.name()).isNotBlank();
                assertThat(t.params()).extracting(Param::name).doesNotHaveDuplicates();
                t.params().stream().filter(p -> p.type() == ParamType.ENUM)
                        .forEach(p -> assertThat(p.allowed()).as(p.name()).isNotEmpty());
            }
        }
    }

    static List<String> triggers(String gate) {
        return Gates.byName(gate).orElseThrow().triggers().stream().map(Trigger::name).toList();
    }
}
