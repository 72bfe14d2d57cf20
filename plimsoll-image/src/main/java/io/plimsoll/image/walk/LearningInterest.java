package io.plimsoll.image.walk;

import java.io.IOException;
import java.io.InputStream;

/**
 * An interest whose reading of a file comes down to a little it learnt (a jar's coordinates, an executable's Go
 * modules, a text file's secrets): a {@link LayerMemo} keeps that instead of the file's bytes, and replaying the
 * layer hands it back instead of the file. A warm walk then neither keeps nor parses the file again, which for jars
 * and executables is most of what reading the layer cost.
 *
 * <p>What {@link #learn} returns must depend on the file's path, entry and bytes alone (the layer index and digest
 * may differ when the recording is replayed under another image), and its encoding on nothing but {@link #name()}
 * and the build: recordings are kept per analyzer set, which names the build.
 */
public interface LearningInterest extends FileInterest {

    /**
     * Names this interest's part of a recording, and what it learns: an interest whose answer depends on settings
     * (the content scan's rules) puts a digest of them in the name, so a recording made under other settings is
     * not replayed to it.
     */
    String name();

    /**
     * Reads one version of a wanted file, as {@link #accept} does, and returns what was learnt, encoded for
     * {@link #recall}; called from several threads at once, as {@code accept} is. Null when the answer depended on
     * more than the file (a memory budget ran out) and must not be recorded: the layer is then not recorded.
     */
    byte[] learn(LayerFile file, InputStream content) throws IOException;

    /** Takes back what {@link #learn} returned for this file on an earlier walk, given instead of the file. */
    void recall(LayerFile file, byte[] learnt) throws IOException;

    @Override
    default void accept(LayerFile file, InputStream content) throws IOException {
        learn(file, content);
    }
}
