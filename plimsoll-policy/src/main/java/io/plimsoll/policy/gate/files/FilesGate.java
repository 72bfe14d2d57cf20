package io.plimsoll.policy.gate.files;

import io.plimsoll.image.layer.FileType;
import io.plimsoll.image.tree.FileNode;
import io.plimsoll.image.tree.FileTree;
import io.plimsoll.image.tree.Lookup;
import io.plimsoll.policy.gate.Gate;
import io.plimsoll.policy.gate.ImageContext;
import io.plimsoll.policy.gate.Trigger;
import java.util.List;
import java.util.Optional;

/** Anchore's {@code files} gate: names, attributes and content matches of the files of the squashed image. */
public final class FilesGate implements Gate {

    public static final String NAME = "files";

    private static final List<Trigger> TRIGGERS = List.of(new NameMatchTrigger(), new AttributeMatchTrigger(),
            new ContentRegexMatchTrigger(), new SuidOrGuidSetTrigger());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Checks against files in the analyzed image including file content, file names, and filesystem "
                + "attributes.";
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }

    static FileTree tree(ImageContext image) {
        return image.inventory().walk().tree();
    }

    /** The node at {@code path}; when a directory on the way is a symlink ({@code /bin} → {@code usr/bin}), through it. */
    static Optional<FileNode> find(FileTree tree, String path) {
        Optional<FileNode> direct = tree.get(path);
        if (direct.isPresent()) {
            return direct;
        }
        return tree.resolve(path) instanceof Lookup.Found f ? Optional.of(f.node()) : Optional.empty();
    }

    /** {@code st_mode} as stat(2) gives it: the file-type bits with the permission bits, which Anchore prints. */
    static int stMode(FileNode n) {
        int type = switch (n.type()) {
            case REGULAR, HARDLINK -> 0100000;
            case DIRECTORY -> 0040000;
            case SYMLINK -> 0120000;
            case CHAR_DEVICE -> 0020000;
            case BLOCK_DEVICE -> 0060000;
            case FIFO -> 0010000;
            case SOCKET -> 0140000;
        };
        return type | (n.mode() & 07777);
    }

    static boolean isRegular(FileNode n) {
        return n.type() == FileType.REGULAR || n.type() == FileType.HARDLINK;
    }
}
