package org.equilibrium.sim.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.equilibrium.sim.scenario.Scenario.DeviceSpec;
import org.equilibrium.sim.scenario.Scenario.FaultSpec;
import org.equilibrium.sim.scenario.Scenario.FaultType;
import org.equilibrium.sim.scenario.Scenario.Phase;
import org.equilibrium.sim.scenario.Scenario.StimEvent;
import org.equilibrium.sim.scenario.Scenario.TransportForm;
import org.equilibrium.sim.stim.StimulatorModel;
import org.equilibrium.sim.strap.StrapProfile;
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

/**
 * Reads a scenario file. SnakeYAML only composes the text into a node tree (safe: no object
 * construction); this class walks the nodes itself so every error names the line and the field,
 * e.g. {@code stress.yaml:14: phases[1].balance: must be between -1 and 1 (got 1.5)}. All errors of
 * a file are reported at once.
 */
public final class ScenarioParser {
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,56}");
    private static final Set<String> STIM_OPS = Set.of("start", "stop", "set", "pause");

    private final String source;
    private final List<String> errors = new ArrayList<>();

    private ScenarioParser(String source) {
        this.source = source;
    }

    /**
     * @param text   YAML text
     * @param source file name for messages
     */
    public static Scenario parse(String text, String source) throws ScenarioException {
        return new ScenarioParser(source).read(text);
    }

    private Scenario read(String text) throws ScenarioException {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new ScenarioException(List.of(source + ":" + line + ": not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new ScenarioException(List.of(source + ": not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof MappingNode top)) {
            throw new ScenarioException(List.of(source + ":1: (top): a scenario is a mapping of fields"));
        }
        Map<String, Node> m = fields(top, "", Set.of("name", "description", "seed", "duration_s", "loop_phases",
                "stagger_s", "truth_topic", "devices", "phases", "stimulation", "faults"));
        String name = string(m, "name", "", true, null);
        String description = string(m, "description", "", false, "");
        long seed = (long) number(m, "seed", "", true, 0, 0, Long.MAX_VALUE, true);
        boolean loop = bool(m, "loop_phases", "", false);
        int stagger = (int) number(m, "stagger_s", "", false, 0, 0, 86_400, true);
        boolean truthTopic = bool(m, "truth_topic", "", true);

        List<DeviceSpec> devices = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, String> profileOf = new LinkedHashMap<>();
        for (Item it : items(m, "devices", "", true)) {
            Map<String, Node> d = fields(it.node, it.path, Set.of("id", "profile", "patient", "transport", "count",
                    "battery_pct", "battery_drain_pct_per_hour"));
            if (d == null) {
                continue;
            }
            String id = string(d, "id", it.path, true, null);
            if (id != null && !DEVICE_ID.matcher(id).matches()) {
                error(d.get("id"), it.path + ".id", "must be 1-56 characters of A-Za-z0-9._- (instances add up to 8; got '" + id + "')");
            } else if (id != null && !ids.add(id)) {
                error(d.get("id"), it.path + ".id", "duplicate device id '" + id + "'");
            }
            String profile = string(d, "profile", it.path, true, null);
            if (profile != null && StrapProfile.byId(profile).isEmpty() && StimulatorModel.byId(profile).isEmpty()) {
                error(d.get("profile"), it.path + ".profile", "unknown profile '" + profile + "'; known: "
                        + String.join(", ", knownProfiles()));
            }
            String patient = string(d, "patient", it.path, true, null);
            String form = string(d, "transport", it.path, false, "mqtt-json");
            TransportForm tf = null;
            for (TransportForm f : TransportForm.values()) {
                if (f.wire.equals(form)) {
                    tf = f;
                }
            }
            if (tf == null) {
                error(d.get("transport"), it.path + ".transport",
                        "must be mqtt-json, mqtt-gatt or both (got '" + form + "')");
            }
            int count = (int) number(d, "count", it.path, false, 1, 1, 100_000, true);
            double battery = number(d, "battery_pct", it.path, false, Double.NaN, 1, 100, false);
            double drain = number(d, "battery_drain_pct_per_hour", it.path, false, Double.NaN, 0, 1000, false);
            if (id != null && profile != null) {
                profileOf.put(id, profile);
            }
            devices.add(new DeviceSpec(id, profile, patient, tf, count, battery, drain, line(it.node)));
        }

        List<Phase> phases = new ArrayList<>();
        for (Item it : items(m, "phases", "", true)) {
            Map<String, Node> p = fields(it.node, it.path, Set.of("name", "duration_s", "balance",
                    "breathing_per_min", "paced", "hr_shift_bpm"));
            if (p == null) {
                continue;
            }
            String pn = string(p, "name", it.path, true, null);
            int dur = (int) number(p, "duration_s", it.path, true, 0, 1, 86_400, true);
            double bal = number(p, "balance", it.path, true, 0, -1, 1, false);
            double br = number(p, "breathing_per_min", it.path, true, 0, 3, 40, false);
            boolean paced = bool(p, "paced", it.path, false);
            double shift = number(p, "hr_shift_bpm", it.path, false, 0, -30, 60, false);
            phases.add(new Phase(pn, dur, bal, br, paced, shift));
        }
        int phasesTotal = phases.stream().mapToInt(Phase::durationS).sum();
        int duration = (int) number(m, "duration_s", "", false, Math.max(1, phasesTotal), 1, 30 * 86_400, true);

        List<StimEvent> stim = new ArrayList<>();
        for (Item it : items(m, "stimulation", "", false)) {
            Map<String, Node> s = fields(it.node, it.path, Set.of("at_s", "device", "op", "program", "frequency_hz",
                    "pulse_width_us", "current_ua", "duration_s"));
            if (s == null) {
                continue;
            }
            int at = (int) number(s, "at_s", it.path, true, 0, 0, 30 * 86_400, true);
            String dev = string(s, "device", it.path, true, null);
            if (dev != null) {
                String prof = profileOf.get(dev);
                if (prof == null) {
                    error(s.get("device"), it.path + ".device", "no device with id '" + dev + "'");
                } else if (StimulatorModel.byId(prof).isEmpty()) {
                    error(s.get("device"), it.path + ".device", "device '" + dev + "' (" + prof
                            + ") is not a stimulator");
                }
            }
            String op = string(s, "op", it.path, true, null);
            if (op != null && !STIM_OPS.contains(op)) {
                error(s.get("op"), it.path + ".op", "must be start, stop, set or pause (got '" + op + "')");
            }
            String program = string(s, "program", it.path, false, null);
            double f = number(s, "frequency_hz", it.path, false, Double.NaN, 0, 100_000, false);
            double pw = number(s, "pulse_width_us", it.path, false, Double.NaN, 0, 1_000_000, false);
            double cur = number(s, "current_ua", it.path, false, Double.NaN, 0, 1_000_000, false);
            double ds = number(s, "duration_s", it.path, false, Double.NaN, 1, 86_400, false);
            stim.add(new StimEvent(at, dev, op, program, f, pw, cur, ds));
        }

        List<FaultSpec> faults = new ArrayList<>();
        for (Item it : items(m, "faults", "", false)) {
            Map<String, Node> f = fields(it.node, it.path, Set.of("type", "at_s", "duration_s", "device", "rate",
                    "fraction", "code"));
            if (f == null) {
                continue;
            }
            String type = string(f, "type", it.path, true, null);
            FaultType ft = null;
            for (FaultType t : FaultType.values()) {
                if (t.wire.equals(type)) {
                    ft = t;
                }
            }
            if (type != null && ft == null) {
                List<String> names = new ArrayList<>();
                for (FaultType t : FaultType.values()) {
                    names.add(t.wire);
                }
                error(f.get("type"), it.path + ".type", "unknown fault '" + type + "'; known: " + String.join(", ", names));
            }
            int at = (int) number(f, "at_s", it.path, true, 0, 0, 30 * 86_400, true);
            boolean latched = ft == FaultType.STIM_FAULT;
            int dur = (int) number(f, "duration_s", it.path, !latched, latched ? 1 : 0, 1, 30 * 86_400, true);
            String dev = string(f, "device", it.path, false, null);
            if (dev != null && !profileOf.containsKey(dev)) {
                error(f.get("device"), it.path + ".device", "no device with id '" + dev + "'");
            } else if (dev != null && ft != null) {
                boolean strap = StrapProfile.byId(profileOf.get(dev)).isPresent();
                if ((ft.forStraps() && !strap) || (ft.forStimulators() && strap)) {
                    error(f.get("device"), it.path + ".device", "fault '" + ft.wire + "' does not apply to device '"
                            + dev + "' (" + profileOf.get(dev) + ")");
                }
            }
            double rate = number(f, "rate", it.path, ft != null && ft.needsRate(), 0, 0, 0.5, false);
            double fraction = number(f, "fraction", it.path, false, 1, 0, 1, false);
            String code = string(f, "code", it.path, latched, null);
            if (latched && code != null && !code.equals("over-current") && !code.equals("hardware")) {
                error(f.get("code"), it.path + ".code", "must be over-current or hardware (got '" + code + "')");
            }
            faults.add(new FaultSpec(ft, at, dur, dev, rate, fraction, code));
        }
        if (!errors.isEmpty()) {
            throw new ScenarioException(errors);
        }
        return new Scenario(name, description, seed, duration, loop, stagger, truthTopic, devices, phases, stim,
                faults);
    }

    private static List<String> knownProfiles() {
        List<String> out = new ArrayList<>();
        StrapProfile.all().forEach(p -> out.add(p.id()));
        StimulatorModel.all().forEach(p -> out.add(p.id()));
        return out;
    }

    private record Item(Node node, String path) {
    }

    private List<Item> items(Map<String, Node> m, String key, String path, boolean required) {
        Node n = m.get(key);
        String p = join(path, key);
        List<Item> out = new ArrayList<>();
        if (n == null) {
            if (required) {
                error(m.get(""), p, "is required");
            }
            return out;
        }
        if (!(n instanceof SequenceNode seq)) {
            error(n, p, "must be a list");
            return out;
        }
        if (required && seq.getValue().isEmpty()) {
            error(n, p, "must not be empty");
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new Item(seq.getValue().get(i), p + "[" + i + "]"));
        }
        return out;
    }

    private Map<String, Node> fields(Node node, String path, Set<String> allowed) {
        if (!(node instanceof MappingNode map)) {
            error(node, path.isEmpty() ? "(top)" : path, "must be a mapping of fields");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        // "" maps to the mapping itself, so a missing field is reported at its parent's line.
        out.put("", node);
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                error(t.getKeyNode(), path, "field names must be plain text");
                continue;
            }
            String key = k.getValue();
            if (!allowed.contains(key)) {
                error(k, join(path, key), "unknown field; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            } else if (out.put(key, t.getValueNode()) != null) {
                error(k, join(path, key), "given twice");
            }
        }
        return out;
    }

    private String string(Map<String, Node> m, String key, String path, boolean required, String dflt) {
        Node n = m.get(key);
        if (n == null) {
            if (required) {
                error(m.get(""), join(path, key), "is required");
            }
            return dflt;
        }
        if (!(n instanceof ScalarNode s) || s.getValue().isEmpty()) {
            error(n, join(path, key), "must be non-empty text");
            return dflt;
        }
        return s.getValue();
    }

    private double number(Map<String, Node> m, String key, String path, boolean required, double dflt, double min,
            double max, boolean integer) {
        Node n = m.get(key);
        String p = join(path, key);
        if (n == null) {
            if (required) {
                error(m.get(""), p, "is required");
            }
            return dflt;
        }
        if (!(n instanceof ScalarNode s)) {
            error(n, p, "must be a number");
            return dflt;
        }
        double v;
        try {
            v = integer ? Long.parseLong(s.getValue().replace("_", "")) : Double.parseDouble(s.getValue());
        } catch (NumberFormatException e) {
            error(n, p, "must be " + (integer ? "an integer" : "a number") + " (got '" + s.getValue() + "')");
            return dflt;
        }
        if (!(v >= min && v <= max)) {
            error(n, p, "must be between " + fmt(min) + " and " + fmt(max) + " (got " + s.getValue() + ")");
            return dflt;
        }
        return v;
    }

    private boolean bool(Map<String, Node> m, String key, String path, boolean dflt) {
        Node n = m.get(key);
        if (n == null) {
            return dflt;
        }
        if (n instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return Boolean.parseBoolean(s.getValue());
        }
        error(n, join(path, key), "must be true or false");
        return dflt;
    }

    private void error(Node n, String path, String message) {
        errors.add(source + ":" + (n == null ? 1 : line(n)) + ": " + path + ": " + message);
    }

    private static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
