package org.equilibrium.device.profile;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.decode.StimReading.Modality;
import org.equilibrium.device.BleUuid;
import org.equilibrium.device.profile.DeviceProfile.Kind;
import org.equilibrium.device.profile.SafetyEnvelope.Range;
import org.equilibrium.device.profile.StreamSpec.Access;
import org.equilibrium.device.profile.StreamSpec.BleStream;
import org.equilibrium.device.profile.StreamSpec.MqttStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads {@code *.yaml}/{@code *.yml} files of a folder into a {@link ProfileRegistry}, validating each against
 * the schema in device-profiles/README.md (written here in Java: required fields, types, enums, ranges, regexes,
 * UUID forms, decoder names, envelope min ≤ max, unique ids, one decoder per MQTT stream).
 *
 * <p>Policy: a file with any error is skipped whole and every error is kept in the {@link ProfileLoadReport}
 * (file, field path, line, problem); the other files load. Whether zero loaded profiles is fatal is the
 * caller's decision ({@link #requireAny}). Files load in file-name order, so when two files claim the same id
 * or map one stream to two decoders, the later file is the one refused.
 *
 * <p>YAML is parsed to a node tree only ({@code compose}), never to Java objects, with SnakeYAML's safe
 * constructor and limits on size, nesting and aliases, so a profile file cannot instantiate types or exhaust
 * memory. The loader does I/O (it reads the folder) but holds no state: one instance may be reused.
 */
public final class ProfileLoader {

    /** Largest profile file accepted; real ones are about 2 KiB. */
    public static final int MAX_FILE_BYTES = 64 * 1024;
    private static final int MAX_NESTING = 20;
    private static final int MAX_ALIASES = 20;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}[a-z0-9]");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP,
            Tag.SEQ);
    private static final Set<String> PLAIN_STREAMS = Set.of("hr", "stim", "status");

    /** Upper bounds that catch a misplaced digit in a safety envelope; far above any real device. */
    static final double CEILING_CURRENT_UA = 100_000;
    static final double CEILING_MICROCURRENT_UA = 1_000;
    static final double CEILING_FREQUENCY_HZ = 10_000;
    static final double CEILING_PULSE_WIDTH_US = 1_000_000;
    static final int CEILING_SESSION_S = 24 * 3600;

    private final DecoderRegistry decoders;

    public ProfileLoader(DecoderRegistry decoders) {
        this.decoders = decoders;
    }

    /** Thrown by {@link #requireAny} when not one profile loaded. */
    public static final class NoProfilesException extends RuntimeException {
        private final transient ProfileLoadReport report;

        NoProfilesException(ProfileLoadReport report) {
            super("no device profile loaded from " + report.directory()
                    + (report.errors().isEmpty() ? "" : ":\n  " + String.join("\n  ",
                    report.errors().stream().map(ProfileError::toString).toList())));
            this.report = report;
        }

        public ProfileLoadReport report() {
            return report;
        }
    }

    /** Start-up policy: a registry without any profile is refused with every error in the message. */
    public static ProfileRegistry requireAny(ProfileRegistry registry) {
        if (registry.allProfiles().isEmpty()) {
            throw new NoProfilesException(registry.loadReport());
        }
        return registry;
    }

    /**
     * Checks one profile file's content exactly as {@link #load} checks each file, minus the checks across files
     * (duplicate ids, one decoder per stream). Never throws on bad content.
     *
     * @param fileName name used in the errors
     * @param content  the file's bytes; more than {@link #MAX_FILE_BYTES} is an error
     */
    public FileResult check(String fileName, byte[] content) {
        FileCheck check = new FileCheck(fileName);
        DeviceProfile p = check.parse(content);
        return new FileResult(check.errors.isEmpty() ? p : null, check.errors);
    }

    /** Outcome of {@link #check}: a profile and no errors, or no profile and at least one error. */
    public record FileResult(DeviceProfile profile, List<ProfileError> errors) {
        public FileResult {
            errors = List.copyOf(errors);
        }
    }

    /** Loads every profile file of {@code dir} (not recursive). Never throws on bad content; see the report. */
    public ProfileRegistry load(Path dir) {
        List<ProfileError> errors = new ArrayList<>();
        List<Path> files = List.of();
        if (!Files.isDirectory(dir)) {
            errors.add(new ProfileError(dir.toString(), "", null, "profile folder does not exist or is not a folder"));
        } else {
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> {
                    String n = p.getFileName().toString();
                    return (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
                }).sorted().toList();
            } catch (IOException e) {
                errors.add(new ProfileError(dir.toString(), "", null, "cannot list folder: " + e.getMessage()));
            }
            if (files.isEmpty() && errors.isEmpty()) {
                errors.add(new ProfileError(dir.toString(), "", null, "no *.yaml profile files"));
            }
        }
        List<DeviceProfile> loaded = new ArrayList<>();
        List<String> loadedFiles = new ArrayList<>();
        Map<String, String> idToFile = new HashMap<>();
        Map<String, String> streamToDecoder = new LinkedHashMap<>(ProfileRegistry.CONTRACT_STREAMS);
        Map<String, String> streamOwner = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            FileCheck check = new FileCheck(name);
            DeviceProfile p = check.parse(file);
            if (p != null) {
                crossCheck(p, check, idToFile, streamToDecoder, streamOwner);
            }
            if (check.errors.isEmpty() && p != null) {
                loaded.add(p);
                loadedFiles.add(name);
                idToFile.put(p.id(), name);
                for (MqttStream s : p.mqttStreams()) {
                    streamToDecoder.putIfAbsent(s.stream(), s.decoder());
                    streamOwner.putIfAbsent(s.stream(), name);
                }
            }
            errors.addAll(check.errors);
        }
        ProfileLoadReport report = new ProfileLoadReport(dir.toString(), loadedFiles, errors);
        return new ProfileRegistry(loaded, decoders, report);
    }

    private static void crossCheck(DeviceProfile p, FileCheck check, Map<String, String> idToFile,
                                   Map<String, String> streamToDecoder, Map<String, String> streamOwner) {
        String other = idToFile.get(p.id());
        if (other != null) {
            check.error("id", check.lineOf("id"), "duplicate id '" + p.id() + "', already defined by " + other);
        }
        for (int i = 0; i < p.mqttStreams().size(); i++) {
            MqttStream s = p.mqttStreams().get(i);
            String prior = streamToDecoder.get(s.stream());
            if (prior != null && !prior.equals(s.decoder())) {
                String owner = streamOwner.getOrDefault(s.stream(), "the wire contract");
                check.error("streams.mqtt[" + i + "].decoder", check.lineOf("streams.mqtt[" + i + "].decoder"),
                        "stream '" + s.stream() + "' is decoded by '" + prior + "' (" + owner
                                + "); one stream has one decoder");
            }
        }
    }

    /** Validation of one file: collects every error instead of stopping at the first. */
    private final class FileCheck {
        final String file;
        final List<ProfileError> errors = new ArrayList<>();
        final Map<String, Integer> lines = new HashMap<>();

        FileCheck(String file) {
            this.file = file;
        }

        void error(String path, Integer line, String problem) {
            errors.add(new ProfileError(file, path, line, problem));
        }

        void error(String path, Node node, String problem) {
            error(path, line(node), problem);
        }

        Integer lineOf(String path) {
            return lines.get(path);
        }

        Integer line(Node n) {
            return n == null || n.getStartMark() == null ? null : n.getStartMark().getLine() + 1;
        }

        DeviceProfile parse(Path path) {
            byte[] content;
            try {
                if (Files.size(path) > MAX_FILE_BYTES) {
                    error("", (Integer) null, "file larger than " + MAX_FILE_BYTES + " bytes");
                    return null;
                }
                content = Files.readAllBytes(path);
            } catch (IOException e) {
                error("", (Integer) null, "cannot read: " + e.getMessage());
                return null;
            }
            return parse(content);
        }

        DeviceProfile parse(byte[] content) {
            if (content.length > MAX_FILE_BYTES) {
                error("", (Integer) null, "file larger than " + MAX_FILE_BYTES + " bytes");
                return null;
            }
            Node root;
            try {
                // strict UTF-8: a mis-encoded file is an error, not silently replaced characters
                var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
                try (Reader reader = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(content),
                        decoder)) {
                    root = yaml().compose(reader);
                }
            } catch (CharacterCodingException e) {
                error("", (Integer) null, "not UTF-8: " + e.getMessage());
                return null;
            } catch (MarkedYAMLException e) {
                Integer line = e.getProblemMark() == null ? null : e.getProblemMark().getLine() + 1;
                error("", line, "not valid YAML: " + oneLine(e.getProblem()) + contextOf(e));
                return null;
            } catch (YAMLException e) {
                error("", (Integer) null, "not valid YAML: " + oneLine(e.getMessage()));
                return null;
            } catch (IOException e) {
                error("", (Integer) null, "cannot read: " + e.getMessage());
                return null;
            }
            if (root == null) {
                error("", (Integer) null, "empty file");
                return null;
            }
            return profile(root);
        }

        private String contextOf(MarkedYAMLException e) {
            return e.getContext() == null ? "" : " (" + oneLine(e.getContext()) + ")";
        }

        private DeviceProfile profile(Node root) {
            Map<String, Node> top = mapping(root, "", Set.of("id", "display_name", "kind", "vendor", "description",
                    "recognition", "streams", "safety"));
            if (top == null) {
                return null;
            }
            String id = string(top, "id", "id", true);
            if (id != null && !ID.matcher(id).matches()) {
                error("id", top.get("id"), "'" + id + "' must be 2-64 characters of a-z, 0-9 and '-', not starting"
                        + " or ending with '-'");
            }
            String displayName = string(top, "display_name", "display_name", true);
            String vendor = string(top, "vendor", "vendor", true);
            string(top, "description", "description", false);
            Kind kind = enumValue(top, "kind", "kind", Map.of("hr-sensor", Kind.HR_SENSOR,
                    "stimulator", Kind.STIMULATOR));
            Recognition recognition = top.containsKey("recognition") ? recognition(top.get("recognition"))
                    : Recognition.NONE;
            List<BleStream> ble = new ArrayList<>();
            List<MqttStream> mqtt = new ArrayList<>();
            if (!top.containsKey("streams")) {
                error("streams", root, "required field is missing");
            } else {
                streams(top.get("streams"), ble, mqtt);
            }
            SafetyEnvelope safety = null;
            if (kind == Kind.STIMULATOR) {
                if (!top.containsKey("safety")) {
                    error("safety", root, "required for a stimulator");
                } else {
                    safety = safety(top.get("safety"));
                }
            } else if (kind == Kind.HR_SENSOR && top.containsKey("safety")) {
                error("safety", top.get("safety"), "only a stimulator has a safety envelope");
            }
            if (!errors.isEmpty() || id == null || kind == null || (kind == Kind.STIMULATOR && safety == null)) {
                return null;
            }
            return new DeviceProfile(id, displayName, kind, vendor, recognition, ble, mqtt, safety, file);
        }

        private Recognition recognition(Node node) {
            Map<String, Node> rec = mapping(node, "recognition", Set.of("ble"));
            if (rec == null || !rec.containsKey("ble")) {
                return Recognition.NONE;
            }
            Map<String, Node> ble = mapping(rec.get("ble"), "recognition.ble", Set.of("local_name", "services"));
            if (ble == null) {
                return Recognition.NONE;
            }
            Pattern name = null;
            String regex = string(ble, "local_name", "recognition.ble.local_name", false);
            if (regex != null) {
                try {
                    name = Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    error("recognition.ble.local_name", ble.get("local_name"), "not a valid regular expression: "
                            + oneLine(e.getDescription()) + " near index " + e.getIndex());
                }
            }
            List<BleUuid> services = new ArrayList<>();
            List<Node> items = sequence(ble, "services", "recognition.ble.services", false);
            for (int i = 0; i < items.size(); i++) {
                BleUuid u = uuid(items.get(i), "recognition.ble.services[" + i + "]");
                if (u != null) {
                    services.add(u);
                }
            }
            if (regex == null && items.isEmpty()) {
                error("recognition.ble", rec.get("ble"), "needs local_name, services or both");
            }
            return new Recognition(name, services);
        }

        private void streams(Node node, List<BleStream> ble, List<MqttStream> mqtt) {
            Map<String, Node> s = mapping(node, "streams", Set.of("ble", "mqtt"));
            if (s == null) {
                return;
            }
            List<Node> bleItems = sequence(s, "ble", "streams.ble", false);
            for (int i = 0; i < bleItems.size(); i++) {
                String path = "streams.ble[" + i + "]";
                Map<String, Node> m = mapping(bleItems.get(i), path, Set.of("service", "characteristic", "decoder",
                        "access"));
                if (m == null) {
                    continue;
                }
                BleUuid service = requiredUuid(m, "service", path, bleItems.get(i));
                BleUuid characteristic = requiredUuid(m, "characteristic", path, bleItems.get(i));
                String decoder = decoderName(m, path);
                Access access = enumValue(m, "access", path + ".access", Map.of("notify", Access.NOTIFY,
                        "indicate", Access.INDICATE, "read", Access.READ));
                if (service != null && characteristic != null && decoder != null && access != null) {
                    ble.add(new BleStream(service, characteristic, decoder, access));
                }
            }
            List<Node> mqttItems = sequence(s, "mqtt", "streams.mqtt", false);
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < mqttItems.size(); i++) {
                String path = "streams.mqtt[" + i + "]";
                Map<String, Node> m = mapping(mqttItems.get(i), path, Set.of("stream", "decoder"));
                if (m == null) {
                    continue;
                }
                String stream = string(m, "stream", path + ".stream", true);
                String normalised = null;
                if (stream != null) {
                    String n = ProfileRegistry.normalizeStream(stream);
                    boolean valid = PLAIN_STREAMS.contains(stream)
                            || n.startsWith("gatt/") && BleUuid.tryParse(n.substring(5)).isPresent();
                    if (!valid) {
                        error(path + ".stream", m.get("stream"), "'" + stream + "' is not an input stream of the wire"
                                + " contract (hr, stim, status, gatt/{uuid})");
                    } else if (!seen.add(n)) {
                        error(path + ".stream", m.get("stream"), "stream '" + stream + "' listed twice");
                    } else {
                        normalised = n;
                    }
                }
                String decoder = decoderName(m, path);
                if (normalised != null && decoder != null) {
                    mqtt.add(new MqttStream(normalised, decoder));
                }
            }
            if (bleItems.isEmpty() && mqttItems.isEmpty()) {
                error("streams", node, "needs at least one ble or mqtt stream");
            }
        }

        private SafetyEnvelope safety(Node node) {
            Map<String, Node> s = mapping(node, "safety", Set.of("modality", "current_ua", "frequency_hz",
                    "pulse_width_us", "max_ramp_ua_per_s", "max_session_s"));
            if (s == null) {
                return null;
            }
            int before = errors.size();
            Modality modality = enumValue(s, "modality", "safety.modality", Map.of("tens", Modality.TENS,
                    "microcurrent", Modality.MICROCURRENT));
            double currentCeiling = modality == Modality.MICROCURRENT ? CEILING_MICROCURRENT_UA : CEILING_CURRENT_UA;
            Range current = range(s, "current_ua", true, 0, currentCeiling);
            Range frequency = range(s, "frequency_hz", true, Double.MIN_VALUE, CEILING_FREQUENCY_HZ);
            Range pulseWidth = range(s, "pulse_width_us", modality == Modality.TENS, Double.MIN_VALUE,
                    CEILING_PULSE_WIDTH_US);
            Double ramp = number(s, "max_ramp_ua_per_s", "safety.max_ramp_ua_per_s", true);
            if (ramp != null && !(ramp > 0 && ramp <= currentCeiling)) {
                error("safety.max_ramp_ua_per_s", s.get("max_ramp_ua_per_s"), ramp + " must be > 0 and <= "
                        + fmt(currentCeiling) + " (full scale in one second)");
            }
            Long session = integer(s, "max_session_s", "safety.max_session_s", true);
            if (session != null && (session <= 0 || session > CEILING_SESSION_S)) {
                error("safety.max_session_s", s.get("max_session_s"), session + " must be 1-" + CEILING_SESSION_S);
            }
            if (current != null && current.max() <= 0) {
                error("safety.current_ua.max", lineOf("safety.current_ua.max"), "must be > 0");
            }
            if (errors.size() > before || modality == null || current == null || frequency == null || ramp == null
                    || session == null || (modality == Modality.TENS && pulseWidth == null)) {
                return null;
            }
            return new SafetyEnvelope(modality, current, frequency, pulseWidth, ramp, session.intValue());
        }

        /** {@code field: {min: a, max: b}} with floor ≤ a ≤ b ≤ ceiling (floor MIN_VALUE means "> 0"). */
        private Range range(Map<String, Node> parent, String key, boolean required, double floor, double ceiling) {
            String path = "safety." + key;
            if (!parent.containsKey(key)) {
                if (required) {
                    error(path, (Integer) null, "required field is missing");
                }
                return null;
            }
            Map<String, Node> m = mapping(parent.get(key), path, Set.of("min", "max"));
            if (m == null) {
                return null;
            }
            Double min = number(m, "min", path + ".min", true);
            Double max = number(m, "max", path + ".max", true);
            if (min == null || max == null) {
                return null;
            }
            boolean ok = true;
            if (floor == Double.MIN_VALUE ? min <= 0 : min < floor) {
                error(path + ".min", m.get("min"), fmt(min) + " must be " + (floor == Double.MIN_VALUE ? "> 0"
                        : ">= " + fmt(floor)));
                ok = false;
            }
            if (max > ceiling) {
                error(path + ".max", m.get("max"), fmt(max) + " exceeds the plausibility ceiling " + fmt(ceiling)
                        + " for this field");
                ok = false;
            }
            if (min > max) {
                error(path + ".max", m.get("max"), "max " + fmt(max) + " is below min " + fmt(min));
                ok = false;
            }
            return ok ? new Range(min, max) : null;
        }

        private String decoderName(Map<String, Node> m, String path) {
            String d = string(m, "decoder", path + ".decoder", true);
            if (d != null && !decoders.contains(d)) {
                error(path + ".decoder", m.get("decoder"), "unknown decoder '" + d + "'; known: "
                        + new java.util.TreeSet<>(decoders.names()));
                return null;
            }
            return d;
        }

        private BleUuid requiredUuid(Map<String, Node> m, String key, String parentPath, Node parent) {
            if (!m.containsKey(key) || isNull(m.get(key))) {
                error(parentPath + "." + key, parent, "required field is missing");
                return null;
            }
            return uuid(m.get(key), parentPath + "." + key);
        }

        /** UUIDs are read from the scalar's text whatever YAML resolved it to: {@code 1800} is a UUID, not 1800. */
        private BleUuid uuid(Node n, String path) {
            if (!(n instanceof ScalarNode s) || isNull(n)) {
                error(path, n, "must be a Bluetooth UUID (e.g. \"180d\" or a dashed 128-bit UUID)");
                return null;
            }
            var u = BleUuid.tryParse(s.getValue());
            if (u.isEmpty()) {
                error(path, n, "'" + s.getValue() + "' is not a Bluetooth UUID (4 or 8 hex digits or the dashed"
                        + " 128-bit form)");
                return null;
            }
            return u.get();
        }

        // ---- typed access over the node tree ----

        private Yaml yaml() {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(MAX_ALIASES);
            options.setNestingDepthLimit(MAX_NESTING);
            options.setCodePointLimit(MAX_FILE_BYTES);
            options.setAllowDuplicateKeys(false);
            options.setAllowRecursiveKeys(false);
            return new Yaml(new SafeConstructor(options));
        }

        /** A mapping's entries by key; reports non-string keys, duplicates and keys outside {@code allowed}. */
        private Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
            if (!(node instanceof MappingNode m) || !Tag.MAP.equals(node.getTag())) {
                error(path.isEmpty() ? "(document)" : path, node, "must be a mapping (key: value), is "
                        + kindOf(node));
                return null;
            }
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                String childPath;
                if (!(k instanceof ScalarNode ks) || !Tag.STR.equals(k.getTag())) {
                    error(path, k, "keys must be plain strings, found " + kindOf(k));
                    continue;
                }
                String key = ks.getValue();
                childPath = path.isEmpty() ? key : path + "." + key;
                if (!allowed.contains(key)) {
                    error(childPath, k, "unknown field (allowed: " + new java.util.TreeSet<>(allowed) + ")");
                    continue;
                }
                if (out.containsKey(key)) {
                    error(childPath, k, "field appears twice");
                    continue;
                }
                out.put(key, t.getValueNode());
                lines.put(childPath, line(t.getValueNode()));
            }
            return out;
        }

        private List<Node> sequence(Map<String, Node> m, String key, String path, boolean required) {
            Node n = m.get(key);
            if (n == null || isNull(n)) {
                if (required) {
                    error(path, (Integer) null, "required field is missing");
                }
                return List.of();
            }
            if (!(n instanceof SequenceNode s) || !Tag.SEQ.equals(n.getTag())) {
                error(path, n, "must be a list, is " + kindOf(n));
                return List.of();
            }
            return s.getValue();
        }

        private String string(Map<String, Node> m, String key, String path, boolean required) {
            Node n = m.get(key);
            if (n == null || isNull(n)) {
                if (required) {
                    error(path, (Integer) null, "required field is missing");
                }
                return null;
            }
            if (!(n instanceof ScalarNode s) || !n.getTag().equals(Tag.STR)) {
                error(path, n, "must be a string, is " + kindOf(n));
                return null;
            }
            if (s.getValue().isBlank()) {
                error(path, n, "must not be empty");
                return null;
            }
            return s.getValue();
        }

        private Double number(Map<String, Node> m, String key, String path, boolean required) {
            Node n = m.get(key);
            if (n == null || isNull(n)) {
                if (required) {
                    error(path, (Integer) null, "required field is missing");
                }
                return null;
            }
            if (!(n instanceof ScalarNode s) || !(n.getTag().equals(Tag.INT) || n.getTag().equals(Tag.FLOAT))
                    || !DECIMAL.matcher(s.getValue()).matches()) {
                error(path, n, "must be a decimal number, is " + kindOf(n));
                return null;
            }
            double v = Double.parseDouble(s.getValue());
            if (!Double.isFinite(v)) {
                error(path, n, "must be finite");
                return null;
            }
            return v;
        }

        private Long integer(Map<String, Node> m, String key, String path, boolean required) {
            Node n = m.get(key);
            if (n == null || isNull(n)) {
                if (required) {
                    error(path, (Integer) null, "required field is missing");
                }
                return null;
            }
            if (!(n instanceof ScalarNode s) || !n.getTag().equals(Tag.INT) || !INTEGER.matcher(s.getValue())
                    .matches()) {
                error(path, n, "must be a whole number (decimal digits), is " + kindOf(n));
                return null;
            }
            return Long.parseLong(s.getValue());
        }

        private <E> E enumValue(Map<String, Node> m, String key, String path, Map<String, E> values) {
            String s = string(m, key, path, true);
            if (s == null) {
                return null;
            }
            E e = values.get(s);
            if (e == null) {
                error(path, m.get(key), "'" + s + "' is not one of " + new java.util.TreeSet<>(values.keySet()));
            }
            return e;
        }

        private boolean isNull(Node n) {
            return n instanceof ScalarNode && n.getTag().equals(Tag.NULL);
        }

        private String kindOf(Node n) {
            if (n == null) {
                return "nothing";
            }
            if (!PLAIN_TAGS.contains(n.getTag())) {
                return "a value tagged " + n.getTag().getValue();
            }
            if (n instanceof MappingNode) {
                return "a mapping";
            }
            if (n instanceof SequenceNode) {
                return "a list";
            }
            ScalarNode s = (ScalarNode) n;
            String tag = n.getTag().equals(Tag.STR) ? "string" : n.getTag().equals(Tag.INT) ? "integer"
                    : n.getTag().equals(Tag.FLOAT) ? "number" : n.getTag().equals(Tag.BOOL) ? "boolean"
                    : n.getTag().equals(Tag.NULL) ? "null" : "tag " + n.getTag().getValue();
            String v = s.getValue();
            return "the " + tag + " '" + (v.length() > 40 ? v.substring(0, 37) + "..." : v) + "'";
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').trim();
    }
}
