package io.plimsoll.ecosystem.binary;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Inflates zlib data embedded in executables, with a cap: a few kilobytes can claim to expand to gigabytes. */
public final class Zlib {

    private Zlib() {
    }

    /**
     * @param max the most bytes the result may have
     * @throws BinaryFormatException when the data is not zlib, is cut short, or expands beyond {@code max}
     */
    public static byte[] inflate(byte[] compressed, int max) throws BinaryFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, Math.max(64, compressed.length * 4)));
            byte[] buf = new byte[16 << 10];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0) {
                    if (inflater.needsDictionary()) {
                        throw new BinaryFormatException("zlib data needs a preset dictionary");
                    }
                    if (inflater.needsInput()) {
                        throw new BinaryFormatException("zlib data is cut short");
                    }
                }
                if (out.size() + (long) n > max) {
                    throw new BinaryFormatException("zlib data expands beyond the limit of " + max + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new BinaryFormatException("not zlib data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
