package io.plimsoll.image.layer;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one walk of an image may still expand, shared by the layers read in parallel. Layers charge it as
 * they go, so a bomb is stopped at the limit, not after it has been inflated.
 */
public final class ExpansionBudget {

    private final ImageLimits limits;
    private final AtomicLong expandedBytes = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong nameBytes = new AtomicLong();

    public ExpansionBudget(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    void chargeBytes(String layer, long bytes) throws ImageException {
        long total = expandedBytes.addAndGet(bytes);
        if (total > limits.maxExpandedBytes()) {
            throw new ImageException(layer, "the image expands to more than " + Bytes.human(limits.maxExpandedBytes())
                    + " (a decompression bomb, or raise --max-expanded-size)");
        }
    }

    /** Charges one entry whose name and link target are {@code names} characters long (what the walk keeps of it). */
    void chargeEntry(String layer, long names) throws ImageException {
        if (entries.incrementAndGet() > limits.maxEntries()) {
            throw new ImageException(layer, "the image holds more than " + limits.maxEntries()
                    + " archive entries (raise --max-entries if this image is genuine)");
        }
        if (nameBytes.addAndGet(names) > limits.maxPathBytesTotal()) {
            throw new ImageException(layer, "the image's entry names add up to more than "
                    + Bytes.human(limits.maxPathBytesTotal()) + " (raise --max-entries if this image is genuine)");
        }
    }

    public long expandedBytes() {
        return expandedBytes.get();
    }
}
