package io.plimsoll.image.walk;

import io.plimsoll.image.layer.LayerEntry;
import io.plimsoll.image.layer.LayerSummary;
import io.plimsoll.image.tree.LayerChanges;
import io.plimsoll.model.Digest;
import java.util.List;
import java.util.Optional;

/**
 * What the walker learnt from a layer, kept by the layer's digest so that a layer read once need not be read (or
 * fetched) again: a service indexing thousands of images that share base layers reads each base layer once.
 *
 * <p>A recording holds the layer's {@link LayerChanges} (so whiteouts still apply when it is stacked on other
 * layers), the bytes of every file some plain {@link FileInterest} of the recording walk wanted, and for each
 * {@link LearningInterest} what it learnt from each of its files instead of their bytes. It is only valid for
 * walks whose interests want the same files; the memo's owner keys it by whatever identifies that set (e.g. a hash
 * of the catalogers and their versions). When a replay finds a file wanted that the recording lacks, the walker
 * reads the layer instead.
 */
public interface LayerMemo {

    /** A layer's recording, if one was kept. */
    Optional<Recorded> recall(Digest layer);

    /** Keeps a layer's recording; called once per layer read in full (never for a replayed one). */
    void remember(Digest layer, Recorded recorded);

    /**
     * Whether {@link #recall} would likely answer for the layer, cheaply and without reading the recording: a pull
     * fetches ahead only the layers its memo does not know. A wrong "yes" costs a fetch started late, a wrong "no"
     * a fetch wasted; the default knows nothing.
     */
    default boolean knows(Digest layer) {
        return false;
    }

    /**
     * What a walk's consumers made of a whole stack of layers (the catalogers' packages over an image's layers),
     * kept under a key the consumer derives from the stack and from itself: a re-scan of an image then replays its
     * layers for the file tree but need not catalog them again. The bytes are the consumer's own encoding; a memo
     * that keeps none (the default) has the consumer work it out again.
     */
    default Optional<byte[]> recallStack(Digest key) {
        return Optional.empty();
    }

    /** Keeps what {@link #recallStack} answers for {@code key}; the default keeps nothing. */
    default void rememberStack(Digest key, byte[] made) {
    }

    /**
     * Says that a layer's recording stood behind a stack's answer that was used instead of a walk: a memo that
     * drops the least recently used entries keeps it as recent as that answer, so a pull that fetches ahead the
     * layers its memo does not know ({@link #knows}) is not sent for layers a kept catalog made unnecessary.
     */
    default void used(Digest layer) {
    }

    /**
     * Layers whose wanted files together exceed this are not recorded (their bytes are not kept in memory for it):
     * they are read again on each walk instead.
     */
    default long maxRecordedBytes() {
        return 256L << 20;
    }

    /**
     * @param files regular files delivered to some interest, in archive order: their bytes once for the plain
     *              interests, and what each learning interest learnt from them
     * @param links wanted hard links, each filled from its target's bytes (absent when the target was not found),
     *              recorded in the same way
     * @param learners the names of the learning interests the recording walk had: a walk with another learner reads
     *                 the layer, since nothing says what that one would have learnt
     */
    record Recorded(LayerChanges changes, LayerSummary summary, List<WantedFile> files, List<WantedFile> links,
                    List<String> learners) {
        public Recorded {
            files = List.copyOf(files);
            links = List.copyOf(links);
            learners = List.copyOf(learners);
        }

        /** A recording of plain interests only. */
        public Recorded(LayerChanges changes, LayerSummary summary, List<WantedFile> files, List<WantedFile> links) {
            this(changes, summary, files, links, List.of());
        }
    }

    /**
     * One wanted file's bytes, or what one learning interest learnt from them.
     *
     * @param asked     the entry interests were asked about (for a hard link: the link's own entry)
     * @param delivered the entry handed over with the bytes (for a hard link: a regular file at the link's path with
     *                  its target's mode and size)
     * @param learntBy  the {@link LearningInterest#name()} whose {@link LearningInterest#learn} answer
     *                  {@code bytes} is; empty when they are the file's own bytes
     */
    record WantedFile(LayerEntry asked, LayerEntry delivered, byte[] bytes, String learntBy) {

        /** The file's own bytes. */
        public WantedFile(LayerEntry asked, LayerEntry delivered, byte[] bytes) {
            this(asked, delivered, bytes, "");
        }

        public boolean isLearnt() {
            return !learntBy.isEmpty();
        }
    }
}
