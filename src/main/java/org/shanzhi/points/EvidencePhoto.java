package org.shanzhi.points;

import java.util.Arrays;

/**
 * A photo declared as evidence with a score event: the bytes as uploaded and the type found from its first bytes
 * (JPEG, PNG or WebP; what the client claims is not trusted).
 */
public record EvidencePhoto(String contentType, byte[] data) {

    public static final int MAX_PHOTOS = 3;
    /** A phone photo sent without the page's downsizing script (old phones) still fits. */
    public static final int MAX_BYTES = 6 * 1024 * 1024;

    /** The type the bytes are, by their magic numbers, or null when not JPEG, PNG or WebP. */
    public static String sniff(byte[] b) {
        if (b == null) {
            return null;
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 8 && Arrays.equals(Arrays.copyOf(b, 8), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return "image/png";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    /** A photo from an upload: its type sniffed (null type when it is none of the three). */
    public static EvidencePhoto of(byte[] data) {
        return new EvidencePhoto(sniff(data), data);
    }
}
