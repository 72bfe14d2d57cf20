package io.plimsoll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plimsoll.vuln.store.StoreBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret gate through the command on a root file system shaped like Debian's with Python and Ruby: the usage
 * examples in the libraries' documentation, a package's test key and a distribution's README token pass; a password
 * in a library's code and registry credentials in Docker's config stop it.
 */
@ExtendWith(IsolatedSettings.class)
class SecretScanCliTest {

    @TempDir
    Path tmp;

    /** The default pack's secret rule alone, so that the exit code answers for secrets only. */
    private Path secretsPolicy() throws Exception {
        return Files.writeString(tmp.resolve("secrets.yaml"), "id: secrets-only\nname: secrets only\npolicies:\n"
                + "  - id: p\n    name: p\n    rules:\n"
                + "      - {id: secrets, gate: secret_scans, trigger: content_regex_checks, action: STOP}\n"
                + "mappings:\n  - {name: all, policies: [p]}\n");
    }

    private Path database() throws Exception {
        Path db = tmp.resolve("vuln.db");
        try (StoreBuilder b = StoreBuilder.create(db)) {
            b.succeeded("debian", "https://security-tracker.debian.org/", Map.of(), "");
            b.commit();
        }
        return db;
    }

    private static void write(Path root, String path, String text) throws Exception {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static String privateKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static final String REQUEST_PY = "\"\"\"An extensible library for opening URLs.\n\nExample usage:\n\n"
            + "authinfo.add_password(realm='PDQ Application',\n                      user='klem',\n"
            + "                      passwd='geh31m$parole')\n\"\"\"\n\nimport base64\n";

    private Path debianLikeRoot(String name) throws Exception {
        Path root = tmp.resolve(name);
        write(root, "usr/lib/python3.11/urllib/request.py", REQUEST_PY);
        write(root, "usr/lib/ruby/3.1.0/uri/generic.rb", "module URI\n  class Generic\n    #\n    # == Usage\n"
                + "    #\n    #   uri.password = \"Sh4rp_Ex4mple\"\n    #\n    def password=(password)\n"
                + "      @password = _gets_noecho\n    end\n  end\nend\n");
        write(root, "usr/lib/python3/dist-packages/twisted/test/server.pem", privateKey());
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb21lIjoicGF5bG9hZCJ9."
                + "4twFt5NiznN84AWoo1d7KO1T_yoc0Z6XOpOVswacPZg";
        write(root, "usr/lib/python3/dist-packages/PyJWT-2.6.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: PyJWT\n\n    >>> jwt.encode({\"some\": \"payload\"}, \"secret\")\n    '"
                        + jwt + "'\n");
        return root;
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(root::relativize).map(Path::toString).sorted().toList();
        }
    }

    private static List<String> secretHits(String json) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode h : new ObjectMapper().readTree(json).path("policy").path("hits")) {
            if (h.path("gate").asText().equals("secret_scans")) {
                out.add(h.path("effectiveAction").asText() + " " + h.path("checkOutput").asText());
            }
        }
        return out;
    }

    /** Each secret hit's structured location, {@code path:line@layer}, as a CI script reads it. */
    private static List<String> secretLocations(String json) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode h : new ObjectMapper().readTree(json).path("policy").path("hits")) {
            if (h.path("gate").asText().equals("secret_scans")) {
                out.add(h.path("path").asText() + ":" + h.path("line").asInt() + "@" + h.path("layer").asInt(-1));
            }
        }
        return out;
    }

    @Test
    void documentationAndPackageTestDataPassAndPlantedSecretsStop() throws Exception {
        Path policy = secretsPolicy();
        Path db = database();
        // the roots hold Python's own dist-info; this test is about secrets, not about OSV data (GateCliTest)
        Path clean = debianLikeRoot("clean");
        List<String> before = files(clean);

        CliTest.Run pass = CliTest.run("scan", "--offline", "--db", db.toString(), "--allow-missing-data", "osv",
                "--policy", policy.toString(), "dir:" + clean);
        assertThat(pass.code()).as(pass.out() + pass.err()).isZero();
        assertThat(pass.out().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("Image"));
        CliTest.Run passJson = CliTest.run("scan", "--offline", "--db", db.toString(), "--allow-missing-data", "osv",
                "--policy", policy.toString(), "--format", "json", "dir:" + clean);
        assertThat(passJson.code()).isZero();
        assertThat(secretHits(passJson.out())).isEmpty();
        assertThat(files(clean)).isEqualTo(before);

        Path planted = debianLikeRoot("planted");
        Files.writeString(planted.resolve("usr/lib/python3.11/urllib/request.py"),
                "\n_PROXY_PASSWORD = \"Zx9$kL2#qW8!vN4m\"\n", java.nio.file.StandardOpenOption.APPEND);
        String auth = Base64.getEncoder().encodeToString("deploy:S3cr3t-Regi5try!".getBytes(StandardCharsets.UTF_8));
        write(planted, "root/.docker/config.json",
                "{\"auths\": {\"registry.acme.io\": {\"auth\": \"" + auth + "\"}}}\n");

        CliTest.Run stop = CliTest.run("scan", "--offline", "--db", db.toString(), "--allow-missing-data", "osv",
                "--policy", policy.toString(), "--format", "json", "dir:" + planted);
        assertThat(stop.code()).as(stop.err()).isEqualTo(1);
        assertThat(secretHits(stop.out())).hasSize(2).anySatisfy(h -> assertThat(h)
                .startsWith("STOP DOCKER_AUTH found in /root/.docker/config.json line 1"))
                .anySatisfy(h -> assertThat(h)
                        .startsWith("STOP PASSWORD found in /usr/lib/python3.11/urllib/request.py line 12"));
        assertThat(secretLocations(stop.out())).containsExactlyInAnyOrder("/root/.docker/config.json:1@0",
                "/usr/lib/python3.11/urllib/request.py:12@0");
    }
}
