package io.plimsoll.ecosystem.amazon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small cdn.amazonlinux.com tree built in code, at the paths the updater reads (mirror.list → the absolute
 * repository URL it names → repodata/repomd.xml → updateinfo.xml): AL2 and AL2023 core, and AL2 extras topics. For
 * tests that need a loaded amazon feed without the shared samples (the data gate's); the advisories are made up.
 */
public final class AmazonFeedTree {

    private final Path amazon;

    private AmazonFeedTree(Path amazon) {
        this.amazon = amazon;
    }

    /** A tree in {@code amazon} (the source's folder, as {@code --from DIR} holds it: {@code DIR/amazon}). */
    public static AmazonFeedTree at(Path amazon) {
        return new AmazonFeedTree(amazon);
    }

    public Path root() {
        return amazon;
    }

    /** AL2 core with {@code updates} ({@code <update>} elements), and AL2023 core with none. */
    public AmazonFeedTree core(String updates) {
        repository("2/core/latest/x86_64/mirror.list", "2/core/2.0/x86_64/c0re/", updates);
        return repository("al2023/core/mirrors/latest/x86_64/mirror.list", "al2023/core/guids/a1/x86_64/", "");
    }

    /** The AL2 extras topic {@code topic}, published with {@code updates}. */
    public AmazonFeedTree topic(String topic, String updates) {
        return repository("2/extras/" + topic + "/latest/x86_64/mirror.list", topicRepository(topic), updates);
    }

    /** Where {@link #topic} puts the topic's repository: below the base URL, ending in '/'. */
    public static String topicRepository(String topic) {
        return "2/extras/" + topic + "/stable/x86_64/t0/";
    }

    /** A security update fixing {@code cve} in the x86_64 package {@code name} at {@code version-release}. */
    public static String securityUpdate(String id, String cve, String name, String version, String release) {
        return "<update type=\"security\"><id>" + id + "</id><severity>important</severity><references>"
                + "<reference id=\"" + cve + "\" type=\"cve\"/></references><pkglist><collection>"
                + "<package arch=\"x86_64\" epoch=\"0\" name=\"" + name + "\" release=\"" + release
                + "\" version=\"" + version + "\"/></collection></pkglist></update>";
    }

    private AmazonFeedTree repository(String mirrorList, String repo, String updates) {
        try {
            Files.createDirectories(amazon.resolve(mirrorList).getParent());
            Files.writeString(amazon.resolve(mirrorList), "https://cdn.amazonlinux.com/" + repo + "\n");
            Path repodata = Files.createDirectories(amazon.resolve(repo + "repodata"));
            Files.writeString(repodata.resolve("repomd.xml"), "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\">"
                    + "<data type=\"updateinfo\"><location href=\"repodata/updateinfo.xml\"/></data></repomd>");
            Files.writeString(repodata.resolve("updateinfo.xml"), "<updates>" + updates + "</updates>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
