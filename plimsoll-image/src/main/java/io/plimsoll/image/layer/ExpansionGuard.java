package io.plimsoll.image.layer;

import io.plimsoll.image.ImageException;
import io.plimsoll.image.ImageLimits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sits on a decompressed layer stream: charges every byte to the walk's budget and stops a layer whose
 * expansion ratio shows it is a bomb.
 *
 * <p>It also skips by reading big blocks: the decompressors' own skip() works in 512-byte to 2 KiB steps,
 * which makes skipping unwanted files (most of every layer) several times slower than it needs to be.
 */
final class ExpansionGuard extends FilterInputStream {

    private static final int CHARGE_EVERY = 1 << 20;

    private final String layer;
    private final ExpansionBudget budget;
    private final CountingInputStream compressed;
    private final byte[] skipBuffer = new byte[64 * 1024];
    private long expanded;
    private long uncharged;

    ExpansionGuard(InputStream decompressed, String layer, ExpansionBudget budget, CountingInputStream compressed) {
        super(decompressed);
        this.layer = layer;
        this.budget = budget;
        this.compressed = compressed;
    }

    long expanded() {
        return expanded;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            account(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            account(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int r = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads to the end, so that the blob's digest covers every byte. */
    void drain() throws IOException {
        while (read(skipBuffer, 0, skipBuffer.length) >= 0) {
            // keep reading
        }
        flushCharge();
    }

    void flushCharge() throws ImageException {
        if (uncharged > 0) {
            budget.chargeBytes(layer, uncharged);
            uncharged = 0;
        }
    }

    private void account(int n) throws ImageException {
        expanded += n;
        uncharged += n;
        if (uncharged >= CHARGE_EVERY) {
            flushCharge();
            long ratioLimit = budget.limits().maxRatio();
            if (expanded > ImageLimits.RATIO_GRACE_BYTES && expanded / Math.max(1, compressed.count()) > ratioLimit) {
                throw new ImageException(layer, "expands more than " + ratioLimit + "x (" + Bytes.human(expanded)
                        + " from " + Bytes.human(compressed.count()) + "): a decompression bomb");
            }
        }
    }
}
