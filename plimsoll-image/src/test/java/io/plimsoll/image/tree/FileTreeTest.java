package io.plimsoll.image.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.layer.LayerEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileTreeTest {

    static LayerEntry file(String path) {
        return new LayerEntry(path, FileType.REGULAR, 0644, 0, 0, 1, "", 0, false);
    }

    static LayerEntry dir(String path) {
        return new LayerEntry(path, FileType.DIRECTORY, 0755, 0, 0, 0, "", 0, false);
    }

    static LayerEntry link(String path, String target) {
        return new LayerEntry(path, FileType.SYMLINK, 0777, 0, 0, 0, target, 0, false);
    }

    static LayerEntry hardlink(String path, String target) {
        return new LayerEntry(path, FileType.HARDLINK, 0644, 0, 0, 0, target, 0, false);
    }

    static LayerChanges layer(LayerEntry... entries) {
        LayerChanges.Builder b = new LayerChanges.Builder();
        for (LayerEntry e : entries) {
            b.add(e);
        }
        return b.build();
    }

    static FileTree stack(LayerChanges... layers) {
        FileTreeBuilder b = new FileTreeBuilder();
        for (int i = 0; i < layers.length; i++) {
            b.apply(i, layers[i]);
        }
        return b.build();
    }

    @Test
    void whiteoutDeletesAFileAndADirectoryWithItsContents() {
        FileTree t = stack(
                layer(dir("/etc"), file("/etc/a"), file("/etc/b"), dir("/opt/app"), file("/opt/app/x"), file("/opt/app/y/z")),
                layer(file("/etc/.wh.a"), file("/opt/.wh.app")));
        assertThat(paths(t)).containsExactly("/etc", "/etc/b", "/opt");
    }

    @Test
    void opaqueDirectoryHidesLowerContentsButKeepsItsOwnLayersEntries() {
        FileTree t = stack(
                layer(dir("/var/cache"), file("/var/cache/old1"), file("/var/cache/sub/old2"), file("/var/cachex")),
                layer(file("/var/cache/new"), file("/var/cache/.wh..wh..opq")));
        assertThat(paths(t)).containsExactly("/var", "/var/cache", "/var/cache/new", "/var/cachex");
        assertThat(t.get("/var/cache/new").orElseThrow().layer()).isEqualTo(1);
    }

    @Test
    void opaqueMarkerLookalikeIsAnOrdinaryFile() {
        FileTree t = stack(layer(file("/b/keep")), layer(file("/b/not.a.wh..wh..opq")));
        assertThat(paths(t)).contains("/b/keep", "/b/not.a.wh..wh..opq");
    }

    @Test
    void aufsBookkeepingIsNeverAFile() {
        FileTree t = stack(layer(file("/.wh..wh.plnk/123.456"), file("/.wh..wh.aufs"), file("/a")));
        assertThat(paths(t)).containsExactly("/a");
    }

    @Test
    void whiteoutOfRootFile() {
        FileTree t = stack(layer(file("/a_root_file.txt"), dir("/b"), file("/b/c")), layer(file("/.wh.a_root_file.txt"), file("/.wh.b")));
        assertThat(paths(t)).isEmpty();
    }

    @Test
    void fileOverDirectoryHidesTheDirectorysContents() {
        FileTree t = stack(layer(dir("/x"), file("/x/y")), layer(file("/x")));
        assertThat(paths(t)).containsExactly("/x");
        assertThat(t.get("/x").orElseThrow().type()).isEqualTo(FileType.REGULAR);
    }

    @Test
    void laterEntryForTheSamePathWinsAlsoWithinALayer() {
        FileTree t = stack(layer(link("/var/run", "../run"), dir("/var/run"), file("/var/run/console/algo.txt")));
        assertThat(t.get("/var/run").orElseThrow().type()).isEqualTo(FileType.DIRECTORY);
        assertThat(t.get("/var/run/console").orElseThrow().implicit()).isTrue();
    }

    @Test
    void implicitParentsReplaceLowerNonDirectories() {
        FileTree t = stack(layer(file("/a")), layer(file("/a/b")));
        assertThat(t.get("/a").orElseThrow().isDirectory()).isTrue();
        assertThat(t.get("/a").orElseThrow().layer()).isEqualTo(1);
    }

    @Test
    void resolveFollowsAbsoluteAndRelativeLinksInsideTheRoot() {
        FileTree t = stack(layer(dir("/etc"), link("/etc/os-release", "../usr/lib/os-release"),
                file("/usr/lib/os-release"), link("/lib", "usr/lib"), link("/escape", "../../../../usr/lib/os-release"),
                link("/abs", "/lib/os-release"), link("/dir-link", "/usr")));
        assertThat(found(t, "/etc/os-release")).isEqualTo("/usr/lib/os-release");
        assertThat(found(t, "/lib/os-release")).isEqualTo("/usr/lib/os-release");
        assertThat(found(t, "/escape")).isEqualTo("/usr/lib/os-release");
        assertThat(found(t, "/abs")).isEqualTo("/usr/lib/os-release");
        assertThat(found(t, "/dir-link/lib/../lib/os-release")).isEqualTo("/usr/lib/os-release");
        assertThat(found(t, "/")).isEqualTo("/");
    }

    @Test
    void resolveReportsMissingAndNotADirectory() {
        FileTree t = stack(layer(file("/f"), link("/dangling", "/nowhere")));
        assertThat(t.resolve("/nope")).isInstanceOf(Lookup.Missing.class);
        assertThat(t.resolve("/dangling")).isInstanceOf(Lookup.Missing.class);
        assertThat(((Lookup.Missing) t.resolve("/f/x")).reason()).contains("not a directory");
    }

    @Test
    void symlinkLoopsEndAfterFortyLinks() {
        FileTree t = stack(layer(link("/a", "b"), link("/b", "a"), link("/self", "/self/x"), link("/c", "c")));
        assertThat(t.resolve("/a")).isInstanceOf(Lookup.Loop.class);
        assertThat(t.resolve("/self")).isInstanceOf(Lookup.Loop.class);
        assertThat(t.resolve("/c/d")).isInstanceOf(Lookup.Loop.class);
        assertThat(((Lookup.Loop) t.resolve("/a")).links()).isEqualTo(FileTree.MAX_LINKS);
    }

    @Test
    void hardLinkResolvesToItsTarget() {
        FileTree t = stack(layer(file("/bin/ping"), hardlink("/bin/ping6", "/bin/ping")));
        Lookup.Found f = (Lookup.Found) t.resolve("/bin/ping6");
        assertThat(f.path()).isEqualTo("/bin/ping");
        assertThat(f.node().type()).isEqualTo(FileType.REGULAR);
    }

    @Test
    void childrenAndCounts() {
        FileTree t = stack(layer(dir("/a"), file("/a/1"), file("/a/2"), file("/a/b/3"), link("/l", "/a")));
        assertThat(t.children("/a")).extracting(FileNode::path).containsExactly("/a/1", "/a/2", "/a/b");
        assertThat(t.children("/")).extracting(FileNode::path).containsExactly("/a", "/l");
        assertThat(t.countByType()).containsEntry(FileType.REGULAR, 3L).containsEntry(FileType.DIRECTORY, 2L)
                .containsEntry(FileType.SYMLINK, 1L);
    }

    private static String found(FileTree t, String path) {
        Lookup l = t.resolve(path);
        assertThat(l).as(path).isInstanceOf(Lookup.Found.class);
        return ((Lookup.Found) l).path();
    }

    private static List<String> paths(FileTree t) {
        return t.nodes().stream().map(FileNode::path).toList();
    }

    @Test
    void aFileTenThousandDirectoriesDeepIsRefusedWithoutOverflowingTheStack() {
        FileTreeBuilder b = new FileTreeBuilder();
        LayerChanges deep = layer(file("/a".repeat(10_000) + "/f"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.apply(0, deep))
                .isInstanceOf(TreeLimitException.class)
                .hasMessageContaining("is more than 1024 directories deep");
    }

    @Test
    void directoriesNoEntryListsAreCreatedUpToTheDepthLimit() {
        String dir = "/d".repeat(1023);
        FileTree t = stack(layer(file(dir + "/f")));
        assertThat(t.get(dir).orElseThrow().implicit()).isTrue();
        assertThat(t.size()).isEqualTo(1023 + 1); // the directories and the file
    }
}
