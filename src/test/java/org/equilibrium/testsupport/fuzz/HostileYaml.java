package org.equilibrium.testsupport.fuzz;

import java.util.List;
import java.util.Random;

/** YAML texts built to hurt parsers: alias bombs, deep nesting, huge scalars, merge keys, foreign tags. */
public final class HostileYaml {
    private HostileYaml() {
    }

    /** Dictionary for the {@link Mutator}: YAML syntax that changes structure. */
    public static final List<String> TOKENS = List.of("&a ", "*a", "<<: *a\n", "!!binary ", "!!python/object ",
            "!!java.io.File ", "!!map ", "!!set ", "? ", "- ", ": ", "\n  ", "\n- ", "[", "]", "{", "}", "|\n", ">-\n",
            "'", "\"", "\\u0000", "%YAML 1.1\n", "---\n", "...\n", "~", "null", ".inf", "-.inf", ".nan", "1e309",
            "0x7fffffff", "99999999999999999999", "-0", "true", "0o17", "\t", "\r\n", "\uFEFF", "é", "#");

    /** Billion laughs: {@code levels} levels of 9 aliases each. */
    public static String aliasBomb(int levels) {
        StringBuilder sb = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < levels; i++) {
            sb.append("l").append(i).append(": &l").append(i).append(" [");
            for (int k = 0; k < 9; k++) {
                sb.append(k == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    /** A flow sequence nested {@code depth} levels. */
    public static String deepFlow(int depth) {
        return "id: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    }

    /** A block mapping nested {@code depth} levels. */
    public static String deepBlock(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return sb.append("  ".repeat(depth)).append("v\n").toString();
    }

    /** One scalar of {@code chars} characters. */
    public static String hugeScalar(String key, int chars) {
        return key + ": " + "9".repeat(chars) + "\n";
    }

    /** One of the constructions above, sized at random within {@code maxChars}, optionally after a valid prefix. */
    public static String any(Random r, String validPrefix, int maxChars) {
        String x = switch (r.nextInt(5)) {
            case 0 -> aliasBomb(2 + r.nextInt(12));
            case 1 -> deepFlow(1 + r.nextInt(Math.max(1, maxChars / 3)));
            case 2 -> deepBlock(1 + r.nextInt(Math.max(1, (int) Math.sqrt(maxChars))));
            case 3 -> hugeScalar(r.nextBoolean() ? "id" : "duration_s", 1 + r.nextInt(Math.max(1, maxChars - 20)));
            default -> "base: &a {id: x}\nother:\n  <<: *a\n  " + "<<: *a\n  ".repeat(r.nextInt(30));
        };
        String text = r.nextBoolean() ? validPrefix + x : x;
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }
}
