package io.cleave.channel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Bounds-checked big-endian reader: every underflow is a ChannelException naming the field. */
final class WireReader {
    private final byte[] bytes;
    private final String what;
    private int position;

    WireReader(byte[] bytes, String what) {
        this.bytes = bytes;
        this.what = what;
    }

    int position() {
        return position;
    }

    int u8(String field) throws ChannelException {
        require(1, field);
        return bytes[position++] & 0xFF;
    }

    int u16(String field) throws ChannelException {
        require(2, field);
        int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    int u32(String field) throws ChannelException {
        return (u16(field) << 16) | u16(field);
    }

    long u64(String field) throws ChannelException {
        return ((long) u32(field) << 32) | (u32(field) & 0xFFFFFFFFL);
    }

    byte[] bytes(int length, String field) throws ChannelException {
        require(length, field);
        byte[] out = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return out;
    }

    String utf8(int length, String field) throws ChannelException {
        return new String(bytes(length, field), StandardCharsets.UTF_8);
    }

    byte[] rest() {
        byte[] out = Arrays.copyOfRange(bytes, position, bytes.length);
        position = bytes.length;
        return out;
    }

    void requireEnd() throws ChannelException {
        if (position != bytes.length) {
            throw new ChannelException("malformed " + what + ": " + (bytes.length - position) + " trailing bytes");
        }
    }

    private void require(int length, String field) throws ChannelException {
        if (length < 0 || bytes.length - position < length) {
            throw new ChannelException("truncated " + what + ": missing " + field);
        }
    }
}
