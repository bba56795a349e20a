package org.equilibrium.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Byte- and line-level mutations of valid inputs, in the style of coverage-less mutation fuzzers: bit flips,
 * interesting values, insert/delete/duplicate/splice of chunks, dictionary tokens. Valid inputs mutated a little
 * reach far deeper into a parser than uniform noise does.
 */
public final class Mutator {
    private static final byte[] INTERESTING = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x10,
            0x20, '"', '\\', '{', '}', '[', ']', ':', ',', '\n', '-', '.', 'e', '0', '9'};

    private final List<byte[]> dictionary;
    private final int maxBytes;

    /**
     * @param dictionary tokens worth inserting (format keywords, boundary numbers)
     * @param maxBytes   mutants never grow past this
     */
    public Mutator(List<String> dictionary, int maxBytes) {
        this.dictionary = dictionary.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.maxBytes = maxBytes;
    }

    /** One to eight stacked mutations of {@code base}. */
    public byte[] mutate(byte[] base, Random r) {
        byte[] b = base.clone();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            b = once(b, r);
        }
        return b;
    }

    private byte[] once(byte[] b, Random r) {
        int op = r.nextInt(b.length == 0 ? 3 : 9);
        switch (op) {
            case 0 -> { // insert a dictionary token
                return insert(b, r.nextInt(b.length + 1), dictionary.get(r.nextInt(dictionary.size())));
            }
            case 1 -> { // insert an interesting byte
                return insert(b, r.nextInt(b.length + 1), new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]});
            }
            case 2 -> { // insert random bytes
                byte[] x = new byte[1 + r.nextInt(4)];
                r.nextBytes(x);
                return insert(b, r.nextInt(b.length + 1), x);
            }
            case 3 -> { // flip a bit
                b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                return b;
            }
            case 4 -> { // overwrite with an interesting byte
                b[r.nextInt(b.length)] = INTERESTING[r.nextInt(INTERESTING.length)];
                return b;
            }
            case 5 -> { // delete a chunk
                int from = r.nextInt(b.length);
                int len = 1 + r.nextInt(Math.min(16, b.length - from));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, from);
                System.arraycopy(b, from + len, out, from, b.length - from - len);
                return out;
            }
            case 6 -> { // duplicate a chunk in place (repeats structure: nesting, lists)
                int from = r.nextInt(b.length);
                int len = 1 + r.nextInt(Math.min(32, b.length - from));
                byte[] chunk = java.util.Arrays.copyOfRange(b, from, from + len);
                return insert(b, from, chunk);
            }
            case 7 -> { // truncate
                return java.util.Arrays.copyOf(b, r.nextInt(b.length));
            }
            default -> { // replace a byte with a random one
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                return b;
            }
        }
    }

    private byte[] insert(byte[] b, int at, byte[] x) {
        if (b.length + x.length > maxBytes) {
            return b;
        }
        byte[] out = new byte[b.length + x.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(x, 0, out, at, x.length);
        System.arraycopy(b, at, out, at + x.length, b.length - at);
        return out;
    }

    /** Short description of an input for failure messages. */
    public static String describe(byte[] b) {
        String hex = HexFormat.of().formatHex(b, 0, Math.min(b.length, 200));
        return b.length + " bytes: " + hex + (b.length > 200 ? "…" : "") + " | "
                + new String(b, 0, Math.min(b.length, 200), StandardCharsets.UTF_8).replace("\n", "\\n");
    }
}
