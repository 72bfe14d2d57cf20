package io.plimsoll.policy.content;

/**
 * A file's bytes seen as characters one byte each, so the rules' regexes run over the bytes as they arrived without
 * decoding the whole file first. Every built-in rule matches ASCII only, and ASCII bytes are the same characters in
 * UTF-8; a non-ASCII byte becomes a character no rule's class contains.
 */
final class ByteText implements CharSequence {

    private final byte[] bytes;
    private final int from;
    private final int length;

    ByteText(byte[] bytes, int length) {
        this(bytes, 0, length);
    }

    private ByteText(byte[] bytes, int from, int length) {
        this.bytes = bytes;
        this.from = from;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (bytes[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException(start + ".." + end);
        }
        return new ByteText(bytes, from + start, end - start);
    }

    @Override
    public String toString() {
        return new String(bytes, from, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
