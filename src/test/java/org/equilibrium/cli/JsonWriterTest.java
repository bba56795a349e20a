package org.equilibrium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void stringsWithQuotesBackslashesAndControlCharactersAreEscapedAndReadBackUnchanged() throws Exception {
        String path = "C:\\rr \"night\"\n\tfile\u0001.txt";
        String text = new JsonWriter("  ").string("file", path).strings("notes", List.of("a\"b", "\u001f"))
                .toString();
        assertThat(text).contains("\"C:\\\\rr \\\"night\\\"\\n\\tfile\\u0001.txt\"", "\"\\u001f\"");
        JsonNode read = json.readTree(text);
        assertThat(read.get("file").asText()).isEqualTo(path);
        assertThat(read.get("notes").get(0).asText()).isEqualTo("a\"b");
        assertThat(read.get("notes").get(1).asText()).isEqualTo("\u001f");
    }

    @Test
    void nullAndNonFiniteValuesAreJsonNull() throws Exception {
        JsonNode read = json.readTree(new JsonWriter("").string("s", null).number("n", Double.NaN)
                .number("i", Double.POSITIVE_INFINITY).number("x", 0.1234567891).toString());
        assertThat(read.get("s").isNull()).isTrue();
        assertThat(read.get("n").isNull()).isTrue();
        assertThat(read.get("i").isNull()).isTrue();
        assertThat(read.get("x").asDouble()).isEqualTo(0.1234568);
    }
}
