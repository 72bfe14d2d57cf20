package io.plimsoll.policy.gate.passwd;

import static io.plimsoll.policy.gate.GateFixtures.context;
import static io.plimsoll.policy.gate.GateFixtures.inventory;
import static io.plimsoll.policy.gate.GateFixtures.messages;
import static io.plimsoll.policy.gate.GateFixtures.params;
import static io.plimsoll.policy.gate.GateFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.testing.Compressor;
import io.plimsoll.image.testing.TestImage;
import io.plimsoll.image.testing.TestLayer;
import io.plimsoll.policy.content.ContentFindings;
import io.plimsoll.policy.gate.GateFixtures;
import io.plimsoll.policy.gate.ImageContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswdFileGateTest {

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            istio-proxy:x:1337:1337::/home/istio-proxy:/bin/sh
            ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin
            """;

    static ImageContext image(ContentFindings content) {
        return context(inventory(TestImage.create().layer(TestLayer.create().file("etc/passwd", PASSWD),
                Compressor.GZIP)), List.of(), content);
    }

    static ImageContext withPasswd(String text) {
        return image(new ContentFindings(List.of(), List.of(), Map.of("/etc/passwd", text), Map.of(), List.of()));
    }

    @Test
    void contentNotAvailable() {
        assertThat(messages(run("passwd_file", "content_not_available", image(ContentFindings.NONE), params())))
                .containsExactly("Cannot locate /etc/passwd in image stored files archive: check analyzer settings.");
        assertThat(run("passwd_file", "content_not_available", withPasswd(PASSWD), params())).isEmpty();
        assertThat(run("passwd_file", "content_not_available", withPasswd("\n"), params())).hasSize(1);
    }

    @Test
    void usernamesAndUserIdsAsInDoDIstioChecks() {
        ImageContext c = withPasswd(PASSWD);
        assertThat(messages(run("passwd_file", "blacklist_usernames", c, params("user_names", "istio-proxy"))))
                .containsExactly("Blacklisted user 'istio-proxy' found in image's /etc/passwd: "
                        + "pentry=istio-proxy:x:1337:1337::/home/istio-proxy:/bin/sh");
        assertThat(run("passwd_file", "blacklist_usernames", c, params("user_names", "istio"))).isEmpty();
        assertThat(messages(run("passwd_file", "blacklist_userids", c, params("user_ids", "1337"))))
                .containsExactly("Blacklisted uid '1337' found in image's /etc/passwd: "
                        + "pentry=istio-proxy:x:1337:1337::/home/istio-proxy:/bin/sh");
        assertThat(run("passwd_file", "blacklist_userids", c, params("user_ids", "50"))).isEmpty(); // ftp's gid
        assertThat(run("passwd_file", "blacklist_userids", image(ContentFindings.NONE), params("user_ids", "0")))
                .isEmpty();
        assertThat(GateFixtures.trigger("passwd_file", "blacklist_userids").validate(params("user_ids", "0,root")))
                .containsExactly("user_ids: 'root' is not a whole number");
    }

    @Test
    void groupIdsShellsAndFullEntries() {
        ImageContext c = withPasswd(PASSWD);
        assertThat(run("passwd_file", "blacklist_groupids", c, params("group_ids", "50"))).singleElement()
                .extracting(h -> h.message()).asString().startsWith("Blacklisted gid '50'");
        assertThat(run("passwd_file", "blacklist_groupids", c, params("group_ids", "14"))).isEmpty(); // ftp's uid
        assertThat(run("passwd_file", "blacklist_shells", c, params("shells", "/bin/sh,/bin/zsh"))).singleElement()
                .extracting(h -> h.location().orElseThrow())
                .isEqualTo(new io.plimsoll.policy.gate.TriggerHit.FileLocation("/etc/passwd", 3, 0));
        assertThat(run("passwd_file", "blacklist_shells", c, params("shells", "/bin/zsh"))).isEmpty();
        assertThat(run("passwd_file", "blacklist_full_entry", c,
                params("entry", "ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin"))).singleElement()
                .extracting(h -> h.location().orElseThrow().line()).isEqualTo(4);
        assertThat(run("passwd_file", "blacklist_full_entry", c,
                params("entry", "ftp:x:14:50:FTP User:/var/ftp:/bin/sh"))).isEmpty();
    }
}
